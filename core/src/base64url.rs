//! Base64 with the URL-safe alphabet and no padding (RFC 4648 §5), for share links: the text
//! survives an address bar, a chat message and an HTML attribute without escaping.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why text is not base64url.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base64Error {
    /// A character outside the alphabet, at this character position.
    BadCharacter { at: usize },
    /// The text stops part-way through a byte (its length leaves one character over).
    Truncated,
}

pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// The bytes; padding (`=`) at the end is allowed and ignored.
pub fn decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    let text = text.trim_end_matches('=');
    let mut sextets = Vec::with_capacity(text.len());
    for (at, c) in text.chars().enumerate() {
        let v = ALPHABET.iter().position(|a| u32::from(*a) == u32::from(c)).ok_or(Base64Error::BadCharacter { at })?;
        sextets.push(v as u32);
    }
    if sextets.len() % 4 == 1 {
        return Err(Base64Error::Truncated);
    }
    let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, s)| n | s << (18 - 6 * i));
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4648_test_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).unwrap(), plain.as_bytes());
        }
        assert_eq!(decode("Zm9vYg==").unwrap(), b"foob");
    }

    #[test]
    fn every_byte_round_trips_in_the_url_safe_alphabet() {
        let bytes: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        let text = encode(&bytes);
        assert!(text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(decode(&text).unwrap(), bytes);
    }

    #[test]
    fn bad_text_says_where() {
        assert_eq!(decode("Zm9v+g"), Err(Base64Error::BadCharacter { at: 4 }));
        assert_eq!(decode("Zm9vé"), Err(Base64Error::BadCharacter { at: 4 }));
        assert_eq!(decode("Zm9vY"), Err(Base64Error::Truncated));
    }
}
