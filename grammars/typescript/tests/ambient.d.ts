// hive: relpath=types/shop.d.ts module=types.shop.d
// Ambient declarations, as found in .d.ts files.

/** The build's version. */
declare const VERSION: string;
//            ^ definition.constant VERSION doc="The build's version."
export declare let mode: "dev" | "prod";
//                 ^ definition.variable mode

/** Formats a price. */
declare function formatPrice(value: number, currency?: Currency): string;
//               ^ definition.function formatPrice doc="Formats a price." sig="function formatPrice(value: number, currency?: Currency): string;"
//                                                     ^ reference.type Currency

/** A shop. */
export declare class Shop {
  //                 ^ definition.class Shop doc="A shop."
  open(): void;
  // <- definition.method Shop.open
}

declare module "payments" {
  //            ^ definition.module payments
  export function charge(amount: number): Promise<Receipt>;
  //              ^ definition.function payments.charge
  //                                      ^ reference.type Promise
  //                                              ^ reference.type Receipt
}

declare global {
  interface Window {
    //      ^ definition.interface Window
    shop: Shop;
    // <- definition.property Window.shop
    //    ^ reference.type Shop
  }
}

module Legacy {
  //   ^ definition.namespace Legacy
  export var enabled = false;
  //         ^ definition.variable Legacy.enabled
}
