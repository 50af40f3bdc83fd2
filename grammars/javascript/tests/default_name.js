// hive: relpath=lib/units.js module=lib.units

const unit = "kg";
//    ^ definition.variable unit

export default unit;
// ^ import default module="" name=unit alias=default
//             ^ !reference.call
export { unit as default2, unit as unit };
// ^ import default2 name=unit alias=default2
