// hive: relpath=web/src/index.mjs module=web.src.index
// Every import and export form of ES modules and CommonJS.

import Shop from "./shop.js";
// ^ import Shop module=./shop.js alias=Shop name=""
import * as pricing from "../lib/pricing";
// ^ import pricing module=../lib/pricing name=* alias=pricing
import { Cart, Item as LineItem, default as Store } from "./cart";
// ^ import Cart module=./cart name=Cart alias=""
//             ^ import LineItem module=./cart name=Item alias=LineItem
//                               ^ import Store module=./cart name=default alias=Store
import React, { useState } from "react";
// ^ import React module=react alias=React
//              ^ import useState module=react name=useState
import "./polyfills.js";
// ^ import ./polyfills.js module=./polyfills.js name="" alias=""

export { format, parse as parseMoney } from "./money";
// ^ import format module=./money name=format
//               ^ import parseMoney module=./money name=parse alias=parseMoney
export * from "./errors";
// ^ import "" module=./errors wildcard=true
export * as units from "./units";
// ^ import units module=./units name=* alias=units

const fs = require("fs");
//    ^ import fs module=fs alias=fs
const { join, resolve: resolvePath } = require("path");
//      ^ import join module=path name=join
//                     ^ import resolvePath module=path name=resolve alias=resolvePath
const readConfig = require("./config").read;
//    ^ import readConfig module=./config name=read alias=readConfig
require("./register");
// <- import ./register module=./register

export async function load(name) {
  //                  ^ definition.function load
  const plugin = await import(`./plugins/${name}.js`);
  const theme = await import("./theme.js");
  //                  ^ import ./theme.js module=./theme.js
  return [plugin, theme, Shop, pricing.total(LineItem), pricing.rate, { Store }];
  //      ^ !reference.read
  //                     ^ reference.read Shop
  //                                   ^ reference.call total receiver=pricing
  //                                         ^ reference.read LineItem
  //                                                             ^ reference.read rate receiver=pricing
  //                                                                      ^ reference.read Store
}

export const VERSION = "2.0";
//           ^ definition.constant VERSION
export { VERSION as version, Store };
//       ^ import version module="" name=VERSION alias=version
//                           ^ !reference.read

export default class App extends Shop {}
//     ^ import default module="" name=App alias=default
//                   ^ definition.class App
//                               ^ reference.inherit Shop
