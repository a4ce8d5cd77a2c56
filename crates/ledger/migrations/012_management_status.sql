-- The five facts of a person's management status (管理现状) the bureau's 管理现状统计表 counts
-- (issue 13, DOMAIN.md form 5): 养老金社会化发放, 参加属地医疗保险, 党组织关系移交地方, 人事档案移交地方
-- and 异地管理. Yes/no, kept beside the other 六清楚 facts; a person without a profile row has none.
ALTER TABLE person_profiles ADD COLUMN pension_socialized INTEGER NOT NULL DEFAULT 0
    CHECK (pension_socialized IN (0, 1));
ALTER TABLE person_profiles ADD COLUMN local_medical_insurance INTEGER NOT NULL DEFAULT 0
    CHECK (local_medical_insurance IN (0, 1));
ALTER TABLE person_profiles ADD COLUMN party_transferred INTEGER NOT NULL DEFAULT 0
    CHECK (party_transferred IN (0, 1));
ALTER TABLE person_profiles ADD COLUMN file_transferred INTEGER NOT NULL DEFAULT 0
    CHECK (file_transferred IN (0, 1));
ALTER TABLE person_profiles ADD COLUMN managed_elsewhere INTEGER NOT NULL DEFAULT 0
    CHECK (managed_elsewhere IN (0, 1));
