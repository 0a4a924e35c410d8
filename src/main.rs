//! The `fislint` command: parse arguments, run, map the outcome to an exit code.

// Checking a report allocates many small strings and vectors; mimalloc serves them in a fraction
// of the instructions glibc's allocator takes (measured in the closing note of the speed work).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    fislint::cli::main()
}
