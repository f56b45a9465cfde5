//! Policy that is not in the specification, as reviewed data: which fields hold secrets
//! (`generator/policy/secrets.tsv`). The emitter reads it to decide which fields `Debug`
//! redacts; the runtime reads the same file for the member names it cuts out of error bodies.

use std::sync::LazyLock;

use crate::model::{Body, Model, Property, TypeDefinition, TypeName, ValueOf};

/// The checked-in table of secret decisions.
pub const SECRETS_TSV: &str = include_str!("../policy/secrets.tsv");

/// What the table says about one property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// `Debug` prints `<redacted>`, whatever the field's type.
    Secret,
    /// Reviewed: printed as it is, though its name looks secret.
    Public,
}

/// One row: `namespace`, `type`, `property` (`*` for any namespace, or any type of the
/// namespace), the decision and a short reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretRow {
    pub namespace: String,
    pub type_name: String,
    pub property: String,
    pub decision: Decision,
    pub reason: String,
    /// 1-based line in the table.
    pub line: usize,
}

/// The parsed table.
#[derive(Debug, Clone, Default)]
pub struct SecretPolicy {
    pub rows: Vec<SecretRow>,
}

/// The rows of a checked-in policy table: tab-separated columns, blank lines and lines
/// starting with `#` skipped; each with its 1-based line number and text.
pub fn table_rows(text: &str) -> impl Iterator<Item = (usize, &str, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(i, line)| (i + 1, line, line.split('\t').collect()))
}

impl SecretPolicy {
    /// Parses the table: tab-separated, `#` starts a comment line, a header line first.
    pub fn parse(text: &str) -> Result<SecretPolicy, String> {
        let mut rows = Vec::new();
        let mut header = true;
        for (line_no, line, cols) in table_rows(text) {
            if header {
                if cols != ["namespace", "type", "property", "decision", "reason"] {
                    return Err(format!(
                        "secrets.tsv:{line_no}: expected the header `namespace\\ttype\\tproperty\\tdecision\\treason`"
                    ));
                }
                header = false;
                continue;
            }
            let [namespace, type_name, property, decision, reason] = cols[..] else {
                return Err(format!(
                    "secrets.tsv:{line_no}: expected 5 tab-separated columns, found {}: `{line}`",
                    cols.len()
                ));
            };
            let decision = match decision {
                "secret" => Decision::Secret,
                "public" => Decision::Public,
                other => {
                    return Err(format!(
                        "secrets.tsv:{line_no}: decision `{other}` is neither `secret` nor `public`"
                    ));
                }
            };
            if namespace == "*" && type_name != "*" {
                return Err(format!(
                    "secrets.tsv:{line_no}: a type needs its namespace (`*` namespace, type `{type_name}`)"
                ));
            }
            if property.is_empty() || property == "*" || reason.trim().is_empty() {
                return Err(format!(
                    "secrets.tsv:{line_no}: every row names one property and gives a reason"
                ));
            }
            if let Some(previous) = rows.iter().find(|r: &&SecretRow| {
                r.namespace == namespace && r.type_name == type_name && r.property == property
            }) {
                return Err(format!(
                    "secrets.tsv:{line_no}: `{namespace}\t{type_name}\t{property}` is decided twice (line {})",
                    previous.line
                ));
            }
            rows.push(SecretRow {
                namespace: namespace.to_string(),
                type_name: type_name.to_string(),
                property: property.to_string(),
                decision,
                reason: reason.to_string(),
                line: line_no,
            });
        }
        Ok(SecretPolicy { rows })
    }

    /// The most specific row for `property` of the type `owner`: the type's own, else its
    /// namespace's (`type` = `*`), else the one for every namespace.
    pub fn row(&self, owner: &TypeName, property: &str) -> Option<&SecretRow> {
        let matching = |ns: &str, ty: &str| {
            self.rows
                .iter()
                .find(|r| r.property == property && r.namespace == ns && r.type_name == ty)
        };
        matching(&owner.namespace, &owner.name)
            .or_else(|| matching(&owner.namespace, "*"))
            .or_else(|| matching("*", "*"))
    }

    /// The decision for `property` declared by one of `chain` (a type, then the types it
    /// inherits from): a row naming one of the types first, then the namespaces', then `*`.
    pub fn decide_in(&self, chain: &[TypeName], property: &str) -> Option<Decision> {
        let find = |ns: &str, ty: &str| {
            self.rows
                .iter()
                .find(|r| r.property == property && r.namespace == ns && r.type_name == ty)
        };
        chain
            .iter()
            .find_map(|t| find(&t.namespace, &t.name))
            .or_else(|| chain.iter().find_map(|t| find(&t.namespace, "*")))
            .or_else(|| find("*", "*"))
            .map(|r| r.decision)
    }

    /// The decision for `property` of `owner`, if the table has one.
    pub fn decide(&self, owner: &TypeName, property: &str) -> Option<Decision> {
        self.row(owner, property).map(|r| r.decision)
    }

    /// Property names some row decides secret: what the runtime redacts in error bodies.
    pub fn secret_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .rows
            .iter()
            .filter(|r| r.decision == Decision::Secret)
            .map(|r| r.property.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Every property of `model` whose name [`looks_secret`] (or whose type's name does) and
    /// which no row decides, as
    /// `namespace<TAB>type<TAB>property` (the start of the row that would decide it), sorted.
    pub fn undecided(&self, model: &Model) -> Vec<String> {
        let mut out: Vec<String> = declared_properties(model)
            .into_iter()
            .filter(|(owner, prop)| {
                (looks_secret(&prop.name) || type_looks_secret(&prop.type_))
                    && !cannot_hold_secret(model, &prop.type_)
                    && self.row(owner, &prop.name).is_none()
            })
            .map(|(owner, prop)| format!("{}\t{}\t{}", owner.namespace, owner.name, prop.name))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Rows that decide nothing in `model` (a type or property that doesn't exist there).
    pub fn unused(&self, model: &Model) -> Vec<&SecretRow> {
        let props = declared_properties(model);
        self.rows
            .iter()
            .filter(|r| {
                !props.iter().any(|(owner, p)| {
                    p.name == r.property
                        && (r.namespace == "*"
                            || (r.namespace == owner.namespace
                                && (r.type_name == "*" || r.type_name == owner.name)))
                })
            })
            .collect()
    }
}

/// Words that make a type's name look secret (`value: Password`): narrower than
/// [`SECRET_WORDS`], which would take every `ApiKey...` and `Token...` type.
pub const SECRET_TYPE_WORDS: &[&str] = &["password", "secret", "credential", "privatekey"];

/// Whether a value is of a named type whose name looks secret (see [`SECRET_TYPE_WORDS`]).
pub fn type_looks_secret(value: &ValueOf) -> bool {
    matches!(value, ValueOf::InstanceOf(i) if {
        let lower = i.type_name.name.to_ascii_lowercase();
        SECRET_TYPE_WORDS.iter().any(|w| lower.contains(w))
    })
}

/// Whether a value's type can't carry a secret: a number, a boolean or an enum (a count such
/// as `max_token_length`, a flag such as `typed_keys`), following aliases.
pub fn cannot_hold_secret(model: &Model, value: &ValueOf) -> bool {
    let mut current = value;
    for _ in 0..16 {
        let ValueOf::InstanceOf(i) = current else {
            return false;
        };
        let name = &i.type_name;
        if matches!(
            (name.namespace.as_str(), name.name.as_str()),
            ("_builtins", "boolean" | "number")
                | (
                    "_types",
                    "integer" | "long" | "short" | "byte" | "uint" | "ulong" | "float" | "double"
                )
        ) {
            return true;
        }
        match model.types.iter().find(|t| t.name() == name) {
            Some(TypeDefinition::Enum(_)) => return true,
            Some(TypeDefinition::TypeAlias(a)) if a.generics.is_empty() => current = &a.type_,
            _ => return false,
        }
    }
    false
}

/// The table in `generator/policy/secrets.tsv`, parsed once.
pub fn secrets() -> Result<&'static SecretPolicy, String> {
    static POLICY: LazyLock<Result<SecretPolicy, String>> =
        LazyLock::new(|| SecretPolicy::parse(SECRETS_TSV));
    POLICY.as_ref().map_err(Clone::clone)
}

/// The words that make a property name look secret: a name containing one of
/// [`SECRET_WORDS`], or with one of [`SECRET_SEGMENTS`] as a whole `_`-separated segment
/// (`key`, `keys`: `api_key` but not `keyword`), or [`SECRET_SUFFIXES`] ending a camelCase
/// word (`accessKey`).
pub const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "credential",
    "private",
    "auth",
    "apikey",
    "encoded",
    "header",
    "cookie",
    "bearer",
    "jwt",
    "saml",
    "kerberos",
    "signature",
];

/// Whole `_`-separated segments that look secret.
pub const SECRET_SEGMENTS: &[&str] = &["key", "keys", "pwd", "content"];

/// Endings of camelCase names that look secret.
pub const SECRET_SUFFIXES: &[&str] = &["Key", "Keys"];

/// Whether a property name looks like it may hold a secret (see [`SECRET_WORDS`]).
pub fn looks_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_WORDS.iter().any(|w| lower.contains(w))
        || lower
            .split(['_', '.', '-'])
            .any(|segment| SECRET_SEGMENTS.contains(&segment))
        || SECRET_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Every property of the model with the type that declares it: interface properties, and
/// the path parts, query parameters and body properties of requests and responses.
pub fn declared_properties(model: &Model) -> Vec<(&TypeName, &Property)> {
    let mut out = Vec::new();
    for def in &model.types {
        match def {
            TypeDefinition::Interface(i) => out.extend(i.properties.iter().map(|p| (&i.name, p))),
            TypeDefinition::Request(r) => {
                out.extend(r.path.iter().chain(&r.query).map(|p| (&r.name, p)));
                if let Body::Properties { properties } = &r.body {
                    out.extend(properties.iter().map(|p| (&r.name, p)));
                }
            }
            TypeDefinition::Response(r) => {
                if let Body::Properties { properties } = &r.body {
                    out.extend(properties.iter().map(|p| (&r.name, p)));
                }
            }
            TypeDefinition::Enum(_) | TypeDefinition::TypeAlias(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checked_in_table_parses_and_the_most_specific_row_wins() {
        let policy = secrets().unwrap();
        assert!(!policy.rows.is_empty());
        let text = "# comment\nnamespace\ttype\tproperty\tdecision\treason\n\
                    *\t*\ttoken\tsecret\tbearer tokens\n\
                    indices.analyze\tAnalyzeToken\ttoken\tpublic\tanalyzed text\n\
                    ml\t*\ttoken\tpublic\tnamespace-wide\n";
        let policy = SecretPolicy::parse(text).unwrap();
        let t = |ns: &str, name: &str| TypeName {
            namespace: ns.to_string(),
            name: name.to_string(),
        };
        assert_eq!(
            policy.decide(&t("indices.analyze", "AnalyzeToken"), "token"),
            Some(Decision::Public)
        );
        assert_eq!(
            policy.decide(&t("indices.analyze", "Other"), "token"),
            Some(Decision::Secret)
        );
        assert_eq!(
            policy.decide(&t("ml", "X"), "token"),
            Some(Decision::Public)
        );
        assert_eq!(policy.decide(&t("ml", "X"), "value"), None);
        assert_eq!(policy.secret_names(), ["token"]);
    }

    #[test]
    fn bad_rows_are_rejected_with_their_line() {
        let head = "namespace\ttype\tproperty\tdecision\treason\n";
        for (row, wanted) in [
            ("a\tB\tc\tmaybe\tx", "neither"),
            ("a\tB\tc\tsecret", "5 tab-separated"),
            ("*\tB\tc\tsecret\tx", "needs its namespace"),
            ("a\tB\tc\tsecret\t ", "gives a reason"),
            ("a\tB\tc\tsecret\tx\na\tB\tc\tpublic\ty", "decided twice"),
        ] {
            let err = SecretPolicy::parse(&format!("{head}{row}\n")).unwrap_err();
            assert!(
                err.contains("secrets.tsv:2") || err.contains("secrets.tsv:3"),
                "{err}"
            );
            assert!(err.contains(wanted), "{err}");
        }
        assert!(
            SecretPolicy::parse("a\tb\n")
                .unwrap_err()
                .contains("header")
        );
    }

    #[test]
    fn the_name_pattern() {
        for name in [
            "password",
            "api_key",
            "access_token",
            "client_secret",
            "private_key",
            "authorization",
            "headers",
            "accessKey",
            "keys",
            "content",
            "encoded",
            "service_account_json_credentials",
        ] {
            assert!(looks_secret(name), "{name}");
        }
        for name in ["keyword", "monkey", "name", "value", "doc_count", "keyed"] {
            assert!(!looks_secret(name), "{name}");
        }
    }
}
