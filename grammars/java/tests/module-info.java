// hive: relpath=src/main/java/module-info.java module=""
/** The shop application. */
module com.acme.shop {
//     ^ definition.module com.acme.shop doc="The shop application."
    requires java.base;
    exports com.acme.shop;
}
