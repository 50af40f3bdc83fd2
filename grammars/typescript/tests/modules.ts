// hive: relpath=src/app/main.ts module=src.app.main
// TypeScript's import forms, on top of JavaScript's.

import type { Order, OrderId } from "../orders/model.js";
// ^ import Order module=../orders/model.js name=Order
//                   ^ import OrderId module=../orders/model.js name=OrderId
import { type Money, sum as total } from "../money";
// ^ import Money module=../money name=Money
//                        ^ import total module=../money name=sum alias=total
import Default, * as orders from "../orders";
// ^ import Default module=../orders alias=Default name=""
//                    ^ import orders module=../orders name=* alias=orders
import fs = require("fs");
//     ^ import fs module=fs alias=fs
import Shapes = Geo.Shapes;
//     ^ import Shapes module="" name=Geo.Shapes alias=Shapes
export type { Line } from "../orders/model";
// ^ import Line module=../orders/model name=Line

export function run(id: OrderId): Money {
  //            ^ definition.function run
  //                    ^ reference.type OrderId
  const order: Order = orders.open(id);
  //           ^ reference.type Order
  //                          ^ reference.call open receiver=orders
  new Shapes.Circle();
  //         ^ reference.call Circle receiver=Shapes
  return total(order.price, Default.zero());
  //     ^ reference.call total
}

export = run;
// ^ import export module="" name=run alias=export
