//! The parser on arbitrary bytes as one `.ts` file: a located error or a syntax tree, never
//! a panic, a hang or a stack overflow.
#![no_main]

use generator::parse::files::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let file = SourceFile::new("fuzz/input.ts".to_string(), text);
    let _ = generator::parse::syntax::parse_file(&file);
});
