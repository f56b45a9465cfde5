//! Which query parameters choose the media type of the response, and the media type each of
//! their values asks for. The spec leaves this to prose, so it is policy, kept as data in
//! `generator/policy/response_formats.tsv` and checked against the model when emitting.

use super::EmitError;
use crate::model::TypeName;

const TABLE: &str = include_str!("../../policy/response_formats.tsv");

/// The table, read.
pub struct FormatPolicy {
    /// `(owner, query parameter)`: the owner is a request, or a behavior requests attach.
    pub params: Vec<(TypeName, String)>,
    /// `(parameter value, media type)`.
    pub values: Vec<(String, String)>,
}

impl FormatPolicy {
    /// Reads the checked-in table.
    pub fn checked_in() -> Result<FormatPolicy, EmitError> {
        FormatPolicy::parse(TABLE)
    }

    fn parse(table: &str) -> Result<FormatPolicy, EmitError> {
        let mut policy = FormatPolicy {
            params: Vec::new(),
            values: Vec::new(),
        };
        for (line_no, line, columns) in crate::policy::table_rows(table) {
            let bad = |why: &str| {
                EmitError::Invalid(format!(
                    "generator/policy/response_formats.tsv:{line_no}: {why}: `{line}`"
                ))
            };
            match columns.as_slice() {
                ["param", owner, param] => {
                    let (namespace, name) = owner
                        .rsplit_once("::")
                        .ok_or_else(|| bad("the owner is not `namespace::Name`"))?;
                    policy
                        .params
                        .push((TypeName::new(namespace, name), param.to_string()));
                }
                ["value", value, media_type] => policy
                    .values
                    .push((value.to_string(), media_type.to_string())),
                _ => {
                    return Err(bad(
                        "expected `param` or `value` and two tab-separated columns",
                    ));
                }
            }
        }
        Ok(policy)
    }

    /// Whether `param` of `owner` chooses the response's media type.
    pub fn selects_format(&self, owner: &TypeName, param: &str) -> bool {
        self.params.iter().any(|(o, p)| o == owner && p == param)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checked_in_table_reads() {
        let policy = FormatPolicy::checked_in().unwrap();
        assert!(policy.selects_format(&TypeName::new("esql.query", "Request"), "format"));
        assert!(!policy.selects_format(
            &TypeName::new("text_structure.find_structure", "Request"),
            "format"
        ));
        assert!(
            policy
                .values
                .iter()
                .any(|(v, m)| v == "csv" && m == "text/csv")
        );
    }

    #[test]
    fn a_bad_row_names_its_line() {
        let Err(EmitError::Invalid(message)) = FormatPolicy::parse("# c\nparam\tnope\tformat\n")
        else {
            panic!("a bad owner is an error");
        };
        assert!(message.contains("response_formats.tsv:2"), "{message}");
    }
}
