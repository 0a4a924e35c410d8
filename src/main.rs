//! The `fislint` command: parse arguments, run, map the outcome to an exit code.

fn main() -> std::process::ExitCode {
    fislint::cli::main()
}
