// hive: relpath=src/tool.rs module=tool errors=1
use std::env;
// <- import env module=std name=env

/// Complete; the function after it is not.
pub fn run(args: &[String]) -> usize {
    // ^ definition.function run doc="Complete; the function after it is not."
    args.len()
}

fn broken(x: u32 {
// ^ definition.function broken sig="fn broken(x: u32"
    if x > 0 {
        env::args();
        //   ^ reference.call args receiver=env
    }
}

/// Still read as a struct after the error.
pub struct Config {
    //     ^ definition.struct Config doc="Still read as a struct after the error."
    name: String,
    // <- definition.field Config.name
}
