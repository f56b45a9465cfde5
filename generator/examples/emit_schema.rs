//! Development aid: emits a crate from the official `schema.json` (or a subset of it).
//! `cargo run -p generator --example emit_schema -- SCHEMA OUT [ENDPOINT_PREFIX]`
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("read schema");
    let model: generator::model::Model = serde_json::from_str(&text).expect("parse schema");
    let model = match args.get(3) {
        Some(prefix) => model.subset(|e| prefix.split(',').any(|p| e.name.starts_with(p))),
        None => model,
    };
    let started = std::time::Instant::now();
    let files = generator::emit::emit(&model, &Default::default()).expect("emit");
    eprintln!("emitted {} files in {:?}", files.len(), started.elapsed());
    let out = std::path::Path::new(&args[2]);
    for (path, text) in files {
        let path = out.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}
