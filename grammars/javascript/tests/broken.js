// hive: relpath=broken.js errors=1
// A syntax error in one function leaves the definitions around it intact.

function before() {
  //     ^ definition.function before
  return 1;
}

function broken() {
  //     ^ definition.function broken
  return 2 +;
}

class After {
  //  ^ definition.class After
  run() {
    // <- definition.method After.run
    before();
    // <- reference.call before
  }
}
