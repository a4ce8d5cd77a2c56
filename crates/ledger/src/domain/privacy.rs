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
