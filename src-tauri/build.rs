fn main() {
    // The window's content is embedded at compile time (`generate_context!`): rebuild the
    // shell whenever the UI's production build changes.
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::build()
}
