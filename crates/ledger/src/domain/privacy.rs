//! How sensitive values look before a logged reveal: ID numbers (`idcard::mask`), phones
//! (`idcard::mask_phone`) and addresses, whose detail (building, flat) is hidden.

/// The first six characters stay, enough to know the district and street; the rest is `****`.
pub fn mask_address(address: &str) -> String {
    let chars: Vec<char> = address.chars().collect();
    if chars.len() <= 6 {
        return address.to_string();
    }
    chars[..6].iter().collect::<String>() + "****"
}

/// The masked form of a value by the name it is stored under (`id_number`, `phone`,
/// `emergency_phone`, `address`, in a person's or a family member's record), or `None` when the
/// field is not one that is masked. The change log (修改记录) shows old and new values this way.
pub fn mask_stored(field: &str, value: &str) -> Option<String> {
    use crate::domain::idcard;
    match field {
        "id_number" => Some(idcard::mask(value)),
        "phone" | "emergency_phone" => Some(idcard::mask_phone(value)),
        "address" => Some(mask_address(value)),
        _ => None,
    }
}

/// A family member (家属, 遗属) as lists and the drawer show them before a logged reveal: the phone
/// and the address masked as a retiree's are.
pub fn mask_member(m: &mut crate::domain::model::FamilyMember) {
    m.phone = crate::domain::idcard::mask_phone(&m.phone);
    m.address = mask_address(&m.address);
}

/// A person's ID number, phones and address masked, as an import preview sends them to the page.
pub fn mask_contact(f: &mut crate::domain::model::PersonFields) {
    f.id_number = crate::domain::idcard::mask(&f.id_number);
    f.phone = crate::domain::idcard::mask_phone(&f.phone);
    f.emergency_phone = crate::domain::idcard::mask_phone(&f.emergency_phone);
    f.address = mask_address(&f.address);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::FamilyMember;

    #[test]
    fn a_family_member_keeps_name_and_relation_and_loses_the_detail_of_phone_and_address() {
        let mut m = FamilyMember {
            id: Some(3),
            name: "王秀兰".into(),
            relation: "配偶".into(),
            birth: None,
            phone: "13812345678".into(),
            address: "北京市东城区和平里七区5号楼2单元301".into(),
            is_survivor: true,
            survivor_aid: false,
            notes: String::new(),
        };
        mask_member(&mut m);
        assert_eq!(m.phone, "138****5678");
        assert_eq!(m.address, "北京市东城区****");
        assert_eq!((m.name.as_str(), m.relation.as_str()), ("王秀兰", "配偶"));
    }
}
