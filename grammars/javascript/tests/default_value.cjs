// hive: relpath=lib/money.cjs module=lib.money
// CommonJS: module.exports names the module's default export; export default's value form.

function format(amount) {
  //     ^ definition.function format
  return amount.toFixed(2);
}

module.exports = format;
// ^ import exports module="" name=format alias=exports
