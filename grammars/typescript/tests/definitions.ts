// hive: relpath=src/orders/model.ts module=src.orders.model
// Orders: a fixture for the TypeScript tags query — «non-ASCII» text on purpose: ünïcödé ✓.

import { Entity, Repository } from "../core/entity";
// ^ import Entity module=../core/entity name=Entity
//                 ^ import Repository module=../core/entity name=Repository

/** How an order moves along. */
export enum Status {
  //        ^ definition.enum Status doc="How an order moves along."
  Open,
  // <- definition.enum_member Status.Open parent=Status
  Paid = "paid",
  // <- definition.enum_member Status.Paid sig="Paid = \"paid\""
  "Sent Out",
  //^ definition.enum_member "Status.Sent Out"
}

export type OrderId = string;
//          ^ definition.type OrderId sig="type OrderId = string;"

/** A point on a map. */
type Point = { x: number; move(dx: number): Point };
//   ^ definition.type Point doc="A point on a map."
//             ^ definition.property Point.x
//                        ^ definition.method Point.move
//                                          ^ reference.type Point

/** Something that has a price. */
export interface Priced<T> extends Entity, Comparable<T> {
  //             ^ definition.interface Priced doc="Something that has a price." sig="interface Priced<T> extends Entity, Comparable<T>"
  //                               ^ reference.inherit Entity
  //                                       ^ reference.inherit Comparable
  readonly price: Money;
  //       ^ definition.property Priced.price parent=Priced
  //              ^ reference.type Money
  total(quantity?: number): Money;
  // <- definition.method Priced.total
  [key: string]: unknown;
}

export abstract class Order implements Priced<Order>, shared.Auditable {
  //                  ^ definition.class Order sig="abstract class Order implements Priced<Order>, shared.Auditable"
  //                                   ^ reference.inherit Priced
  //                                          ^ reference.type Order
  //                                                         ^ reference.inherit Auditable receiver=shared
  static count = 0;
  //     ^ definition.field Order.count parent=Order
  private readonly lines: Line[] = [];
  //               ^ definition.field Order.lines
  //                      ^ reference.type Line
  status: Status = Status.Open;
  // <- definition.field Order.status

  constructor(public readonly id: OrderId, private repo?: Repository<Order>, note = "") {
  //^ definition.constructor Order.constructor sig="constructor(public readonly id: OrderId, private repo?: Repository<Order>, note = \"\")"
  //                          ^ definition.field Order.id parent=constructor
  //                              ^ reference.type OrderId
  //                                               ^ definition.field Order.repo
  //                                                      ^ reference.type Repository
  //                                                                         ^ !reference.type
    super();
  }

  /** The price of everything. */
  abstract get price(): Money;
  //           ^ definition.method Order.price doc="The price of everything."

  abstract total(quantity?: number): Money;
  //       ^ definition.method Order.total

  add(line: Line): this;
  // <- definition.method Order.add sig="add(line: Line): this"
  add(line: Line, copies: number): this;
  // <- definition.method Order.add
  add(line: Line, copies = 1): this {
    // <- definition.method Order.add sig="add(line: Line, copies = 1): this"
    this.lines.push(line);
    //         ^ reference.call push receiver=this.lines
    this.repo?.save(this);
    //         ^ reference.call save receiver=this.repo
    return this;
  }

  compareTo(other: Order): number {
    // <- definition.method Order.compareTo
    return compare<Money>(this.price, other.price as Money);
    //     ^ reference.call compare
    //             ^ reference.type Money
    //                                                ^ reference.type Money
  }
}

export class Line extends Entity<OrderId> {
  //         ^ definition.class Line
  //                      ^ reference.inherit Entity
  //                             ^ reference.type OrderId
  #cost: Money = Money.zero();
  // <- definition.field Line.#cost
  //                   ^ reference.call zero receiver=Money
}

/** Sums money. */
export function sum(...amounts: Money[]): Money;
//              ^ definition.function sum doc="Sums money." sig="function sum(...amounts: Money[]): Money;"
export function sum(...amounts: Money[]): Money {
  //            ^ definition.function sum sig="function sum(...amounts: Money[]): Money"
  return amounts.reduce((a, b) => a.plus(b), Money.zero());
}

export const isPaid = (order: Order): order is Paid => order.status === Status.Paid;
//           ^ definition.function isPaid
//                            ^ reference.type Order
//                                             ^ reference.type Paid

function compare<T extends Comparable<T>>(a: T, b: T): number {
  //     ^ definition.function compare
  //                       ^ reference.type Comparable
  return a === b ? 0 : 1;
}

/** Order helpers. */
export namespace Orders {
  //             ^ definition.namespace Orders doc="Order helpers."
  export const LIMIT = 100;
  //           ^ definition.constant Orders.LIMIT
  export function open(id: OrderId): Order | undefined {
    //            ^ definition.function Orders.open parent=Orders
    return undefined;
  }
  export namespace Internal {
    //             ^ definition.namespace Orders.Internal
    export let counter = 0;
    //         ^ definition.variable Orders.Internal.counter
  }
}

namespace Geo.Shapes {
  //          ^ definition.namespace Geo.Shapes
  export class Circle {}
  //           ^ definition.class Geo.Shapes.Circle
}

export default Order;
// ^ import default module="" name=Order alias=default
