//! The JSON reader's messages in words an office clerk understands, in English and Chinese.
//!
//! The reader speaks of `i32`, `struct Unit` and `floating point`; these are names from
//! the code, not from the document. Its messages follow a few fixed patterns (serde's
//! `invalid type`, `unknown field`, `missing field` …), which are reworded here, and the
//! library's own messages travel in both languages at once, joined by [`BILINGUAL`].

/// Joins the English and Chinese forms of a message the library raises inside the JSON
/// reader, which carries a single string.
pub(crate) const BILINGUAL: char = '\u{1f}';

/// A message in both languages, as one string for the JSON reader.
pub(crate) fn bilingual(english: &str, chinese: &str) -> String {
    format!("{english}{BILINGUAL}{chinese}")
}

/// A reader message in English and in Chinese.
pub(crate) fn reword(message: &str) -> (String, String) {
    if let Some((english, chinese)) = message.split_once(BILINGUAL) {
        return (english.to_owned(), chinese.to_owned());
    }
    (english(message), chinese(message))
}

/// What the reader found or expected, named by kind, so that each language words it once.
enum Term<'a> {
    /// A whole number of a machine type, with its range.
    Whole(&'static str, &'static str),
    Number,
    Boolean,
    Text,
    List,
    Object,
    Null,
    Optional,
    /// A value found, of the kind named, as written.
    FoundWhole(&'a str),
    FoundNumber(&'a str),
    FoundBoolean(&'a str),
    FoundText(&'a str),
    TaggedObject,
    Name,
    NamedObject,
    Other(&'a str),
}

fn classify(term: &str) -> Term<'_> {
    let term = term.trim();
    let value = |rest: &'static str| -> Option<&str> {
        term.strip_prefix(rest).map(|v| v.trim_matches('`'))
    };
    match term {
        "i8" => Term::Whole("-128", "127"),
        "i16" => Term::Whole("-32768", "32767"),
        "i32" => Term::Whole("-2147483648", "2147483647"),
        "i64" | "isize" => Term::Whole("-9223372036854775808", "9223372036854775807"),
        "u8" => Term::Whole("0", "255"),
        "u16" => Term::Whole("0", "65535"),
        "u32" => Term::Whole("0", "4294967295"),
        "u64" | "usize" => Term::Whole("0", "18446744073709551615"),
        "f32" | "f64" => Term::Number,
        "a boolean" => Term::Boolean,
        "a string" | "a borrowed string" | "a character" => Term::Text,
        "a sequence" | "sequence" => Term::List,
        "a map" | "map" => Term::Object,
        "unit" | "unit value" | "null" => Term::Null,
        "option" => Term::Optional,
        _ => {
            if let Some(found) = value("integer ") {
                Term::FoundWhole(found)
            } else if let Some(found) = value("floating point ") {
                Term::FoundNumber(found)
            } else if let Some(found) = value("boolean ") {
                Term::FoundBoolean(found)
            } else if let Some(found) = term.strip_prefix("string ") {
                Term::FoundText(found)
            } else if ["struct ", "tuple struct ", "newtype struct "]
                .iter()
                .any(|p| term.starts_with(p))
            {
                Term::Object
            } else if term.starts_with("internally tagged enum") {
                Term::TaggedObject
            } else if term.starts_with("enum ")
                || term.starts_with("variant identifier")
                || term == "unit variant"
            {
                Term::Name
            } else if term.starts_with("externally tagged enum")
                || term.starts_with("adjacently tagged")
            {
                Term::NamedObject
            } else {
                Term::Other(term)
            }
        }
    }
}

/// The reader's own words for what it expected or found, in plain English.
fn plain(term: &str) -> String {
    match classify(term) {
        Term::Whole(low, high) => format!("a whole number from {low} to {high}"),
        Term::Number => "a number".to_owned(),
        Term::Boolean => "true or false".to_owned(),
        Term::Text => "text in quotes".to_owned(),
        Term::List => "a list `[...]`".to_owned(),
        Term::Object => "an object `{...}`".to_owned(),
        Term::Null => "null".to_owned(),
        Term::Optional => "a value or null".to_owned(),
        Term::FoundWhole(v) => format!("the whole number {v}"),
        Term::FoundNumber(v) => format!("the number {v}"),
        Term::FoundBoolean(v) => format!("the value {v}"),
        Term::FoundText(v) => format!("the text {v}"),
        Term::TaggedObject => "an object `{...}` with a `kind`".to_owned(),
        Term::Name => "one of the names this field allows, in quotes".to_owned(),
        Term::NamedObject => "an object `{...}` naming one of the allowed kinds".to_owned(),
        Term::Other(term) => term.to_owned(),
    }
}

/// The same in Chinese.
fn plain_zh(term: &str) -> String {
    match classify(term) {
        Term::Whole(low, high) => format!("{low} 至 {high} 之间的整数"),
        Term::Number => "数字".to_owned(),
        Term::Boolean => "true 或 false".to_owned(),
        Term::Text => "带引号的文字".to_owned(),
        Term::List => "列表 `[...]`".to_owned(),
        Term::Object => "对象 `{...}`".to_owned(),
        Term::Null => "null".to_owned(),
        Term::Optional => "一个值或 null".to_owned(),
        Term::FoundWhole(v) => format!("整数 {v}"),
        Term::FoundNumber(v) => format!("数字 {v}"),
        Term::FoundBoolean(v) => format!("值 {v}"),
        Term::FoundText(v) => format!("文字 {v}"),
        Term::TaggedObject => "带有 `kind` 的对象 `{...}`".to_owned(),
        Term::Name => "该字段允许的名称之一(带引号)".to_owned(),
        Term::NamedObject => "指明允许种类之一的对象 `{...}`".to_owned(),
        Term::Other(term) => term.to_owned(),
    }
}

/// The reader's three "found X, expected Y" messages.
#[derive(Clone, Copy)]
enum Mismatch {
    Type,
    Value,
    Length,
}

/// Splits `"invalid type: X, expected Y"` (and the value and length forms) into the kind
/// of mismatch, what was found and what was expected.
fn mismatch(message: &str) -> Option<(Mismatch, &str, &str)> {
    [
        (Mismatch::Type, "invalid type: "),
        (Mismatch::Value, "invalid value: "),
        (Mismatch::Length, "invalid length "),
    ]
    .into_iter()
    .find_map(|(kind, prefix)| {
        let (found, expected) = message.strip_prefix(prefix)?.rsplit_once(", expected ")?;
        Some((kind, found, expected))
    })
}

fn english(message: &str) -> String {
    if let Some((kind, found, expected)) = mismatch(message) {
        let expected = plain(expected);
        return match kind {
            Mismatch::Type => {
                format!(
                    "wrong kind of value: found {}, expected {expected}",
                    plain(found)
                )
            }
            Mismatch::Value => {
                format!(
                    "value out of range: found {}, expected {expected}",
                    plain(found)
                )
            }
            Mismatch::Length => {
                format!("wrong number of items: found {found}, expected {expected}")
            }
        };
    }
    match message {
        "number out of range" => {
            "the number is too large to be read; numbers in a plan are at most about 1.8e308"
                .to_owned()
        }
        "recursion limit exceeded" => {
            "the document nests lists or objects more than 128 deep (recursion limit exceeded); a plan document never nests that deep"
                .to_owned()
        }
        "expected value" => "expected a value (an object, list, text, number, true, false or null)".to_owned(),
        _ => message.to_owned(),
    }
}

fn chinese(message: &str) -> String {
    if let Some((kind, found, expected)) = mismatch(message) {
        let expected = plain_zh(expected);
        return match kind {
            Mismatch::Type => format!("值的类型不对:此处是{},应为{expected}", plain_zh(found)),
            Mismatch::Value => format!("值超出范围:此处是{},应为{expected}", plain_zh(found)),
            Mismatch::Length => format!("项数不对:此处有 {found} 项,应为{expected}"),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, allowed) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return if allowed.is_empty() || allowed.starts_with("there are no") {
            format!("未知字段 {field};请删除它或检查拼写")
        } else {
            let allowed = allowed.trim_start_matches("one of ");
            format!("未知字段 {field};允许的字段为 {allowed},请检查拼写")
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (name, allowed) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let allowed = allowed.trim_start_matches("one of ");
        return format!("未知名称 {name};允许的名称为 {allowed}");
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("缺少必填字段 {field}");
    }
    if let Some(field) = message.strip_prefix("duplicate field ") {
        return format!("字段 {field} 出现了两次;每个字段只写一次");
    }
    if let Some(rest) = message.strip_prefix("EOF while parsing ") {
        let what = match rest {
            "a list" => "列表",
            "an object" => "对象",
            "a string" => "字符串",
            "a value" => "值",
            other => other,
        };
        return format!("文本在{what}中途结束;文件可能不完整");
    }
    let known = match message {
        "number out of range" => "数字太大,无法读取;计划中的数字最大约为 1.8e308",
        "recursion limit exceeded" => "文档中列表或对象的嵌套超过 128 层;计划文档不会嵌套这么深",
        "expected value" => "此处应为一个值(对象、列表、文字、数字、true、false 或 null)",
        "trailing comma" => "多余的逗号;请删去最后一项之后的逗号",
        "trailing characters" => "JSON 结束后还有多余的字符;请删去它们",
        "key must be a string" => "对象的键必须是带引号的文字",
        "expected `:`" => "此处应为冒号 `:`",
        "expected `,` or `]`" => "此处应为逗号 `,` 或 `]`",
        "expected `,` or `}`" => "此处应为逗号 `,` 或 `}`",
        "expected ident" => "此处应为 true、false 或 null",
        "invalid escape" => "无效的转义字符",
        "invalid number" => "无效的数字",
        "invalid unicode code point" => "无效的 Unicode 字符",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "字符串中含有控制字符(\\u0000-\\u001F);请删除或转义它"
        }
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            "字符串中的 \\u 转义不完整或无效"
        }
        _ => "",
    };
    if known.is_empty() {
        format!("无法读取:{message}")
    } else {
        known.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_become_words() {
        let (en, zh) = reword("invalid type: floating point `1.8446744073709552e19`, expected i32");
        assert_eq!(
            en,
            "wrong kind of value: found the number 1.8446744073709552e19, expected a whole number from -2147483648 to 2147483647"
        );
        assert!(!en.contains("i32") && !en.contains("floating point"));
        assert!(zh.contains("-2147483648 至 2147483647 之间的整数"), "{zh}");
        let (en, _) = reword("invalid type: string \"x\", expected struct Unit");
        assert_eq!(
            en,
            "wrong kind of value: found the text \"x\", expected an object `{...}`"
        );
        let (en, _) = reword("invalid value: integer `-1`, expected u32");
        assert!(en.contains("from 0 to 4294967295"), "{en}");
    }

    #[test]
    fn known_patterns_have_chinese() {
        assert_eq!(reword("missing field `name`").1, "缺少必填字段 `name`");
        assert!(
            reword("unknown field `colour`, expected one of `id`, `name`")
                .1
                .contains("未知字段 `colour`")
        );
        assert!(reword("trailing comma").1.contains("逗号"));
        assert_eq!(reword(&bilingual("a", "甲")), ("a".into(), "甲".into()));
    }
}
