-- Who made a visit or call (走访人): for one-to-one contact (一对一联系) the office needs to know
-- whether the liaison kept in touch, not only that somebody did. Free text like the other people
-- fields of a visit; the form fills in the person's liaison. Older visits keep an empty value.
ALTER TABLE visits ADD COLUMN made_by TEXT NOT NULL DEFAULT '';
