// hive: relpath=Broken.cs module="" errors=1
// A half-typed file outside any namespace: the parts that parse are still read.
using Acme.Shop;
// ^ import "" module=Acme.Shop wildcard=true

class Broken
//    ^ definition.class Broken
{
    int Ok() => Helper();
    //  ^ definition.method Broken.Ok
    //          ^ reference.call Helper

    void Half()
    //   ^ definition.method Broken.Half
    {
        var cart = new Cart()
    }

    int After() { return 2; }
    //  ^ definition.method Broken.After
}
