// hive: relpath=src/pricing.cppm module=
// A C++20 module unit: `export module` names the module, `import` binds no name.
module;
#include <cmath>
// ^ import cmath module=cmath
export module shop.pricing;
//            ^ !reference.type

import std;
// ^ import std module=std
import <vector>;
// ^ import vector module=vector
import shop.util;
// ^ import shop.util module=shop.util

export namespace pricing {
//               ^ definition.namespace pricing

/// The price with value-added tax.
double with_tax(double amount);
//     ^ definition.function pricing.with_tax doc="The price with value-added tax."

}  // namespace pricing

export int rounding_digits = 2;
//         ^ definition.variable rounding_digits
export double round_price(double amount);
//            ^ definition.function round_price
