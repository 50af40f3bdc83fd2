// hive: relpath=Broken.java module="" errors=1
// A file in the default package, half typed: the parts that parse are still read.
import java.util.Map;
// ^ import Map module=java.util name=Map

class Broken {
//    ^ definition.class Broken
    int ok() { return helper(); }
    //  ^ definition.method Broken.ok
    //                ^ reference.call helper

    void half( {
    //   ^ definition.method Broken.half sig="void half("
        Map<String, Integer> counts = new HashMap<>();
    }

    int after() { return 2; }
    //  ^ definition.method Broken.after
}
