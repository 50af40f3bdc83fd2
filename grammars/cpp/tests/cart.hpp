// hive: relpath=include/shop/cart.hpp module=
// A fixture for the C++ tags query: declarations as a header writes them.
#pragma once

#include <string>
// ^ import string module=string
#include "shop/item.hpp"
// ^ import shop/item.hpp module=shop/item.hpp

namespace shop {
//        ^ definition.namespace shop sig="namespace shop"

/// Anything that can be audited.
class Auditable {
    //  ^ definition.class shop.Auditable doc="Anything that can be audited." parent=shop
public:
    virtual ~Auditable() = default;
    //      ^ definition.method shop.Auditable.~Auditable
    virtual void audit() const = 0;
    //           ^ definition.method shop.Auditable.audit parent=Auditable
};

/**
 * A shopping cart.
 * Holds items until checkout.
 */
class Cart : public Auditable, private detail::Counted {
    //  ^ definition.class shop.Cart doc="A shopping cart.\nHolds items until checkout." sig="class Cart : public Auditable, private detail::Counted"
    //                 ^ reference.inherit Auditable
    //                                         ^ reference.inherit Counted receiver=detail
public:
    enum class State { Open, Paid };
    //         ^ definition.enum shop.Cart.State sig="enum class State"
    //                 ^ definition.enum_member shop.Cart.State.Open parent=State
    //                       ^ definition.enum_member shop.Cart.State.Paid
    enum Flag { kGift = 1, kExpress = 2 };
    //   ^ definition.enum shop.Cart.Flag
    //          ^ definition.enum_member shop.Cart.kGift parent=Cart
    //                     ^ definition.enum_member shop.Cart.kExpress
    using Lines = std::vector<Item>;
    //    ^ definition.type shop.Cart.Lines
    //                   ^ reference.type vector receiver=std
    //                        ^ reference.type Item

    explicit Cart(std::string owner);
    //       ^ definition.constructor shop.Cart.Cart parent=Cart sig="explicit Cart(std::string owner);"
    //                 ^ reference.type string receiver=std
    Cart(const Cart& other) = delete;
    // <- definition.constructor shop.Cart.Cart
    ~Cart() override;
    // <- definition.method shop.Cart.~Cart
    using Auditable::Auditable;
    // a using-declaration in a class re-exports a member: no import

    /// Adds ``qty`` of an item (« gift » items are wrapped).
    Cart& add(const Item& item, int qty = 1);
    //    ^ definition.method shop.Cart.add doc="Adds ``qty`` of an item (« gift » items are wrapped)."
    Cart& operator+=(const Item& item);
    //    ^ definition.method shop.Cart.operator+=
    double total() const { return subtotal_ * (1 + tax_rate); }
    //     ^ definition.method shop.Cart.total sig="double total() const"
    void audit() const override;
    //   ^ definition.method shop.Cart.audit
    template <typename Visitor>
    void each(Visitor visit) const;
    //   ^ definition.method shop.Cart.each
    //        ^ reference.type Visitor

    static int count;
    //         ^ definition.field shop.Cart.count
    static constexpr double tax_rate = 0.2;
    //                      ^ definition.field shop.Cart.tax_rate

private:
    std::string owner_;
    //          ^ definition.field shop.Cart.owner_
    Lines lines_;
    // <- reference.type Lines
    //    ^ definition.field shop.Cart.lines_
    double subtotal_ = 0, *discount_ = nullptr;
    //     ^ definition.field shop.Cart.subtotal_
    //                     ^ definition.field shop.Cart.discount_
    const Item& last_;
    //          ^ definition.field shop.Cart.last_
    struct Line {
        // ^ definition.struct shop.Cart.Line
        int qty;
        //  ^ definition.field shop.Cart.Line.qty
    };
    friend class Checkout;
    //           ^ !reference.inherit
};

// A fixed-size box of values.
template <typename T, int N = 4>
class Box {
    //^ definition.class shop.Box doc="A fixed-size box of values." sig="template <typename T, int N = 4>"
public:
    T get(int i) const;
    //^ definition.method shop.Box.get
private:
    T values_[N];
    //^ definition.field shop.Box.values_
};

template <typename T>
struct Pair { T first, second; };
//     ^ definition.struct shop.Pair
//              ^ definition.field shop.Pair.first
//                     ^ definition.field shop.Pair.second

template <typename T>
T largest(const Box<T, 4>& box);
//^ definition.function shop.largest
//              ^ reference.type Box

template <typename T>
using Grid = Box<Box<T, 4>, 4>;
//    ^ definition.type shop.Grid

template <typename T>
concept Priced = requires(T t) { t.total(); };
//      ^ definition.type shop.Priced

namespace pricing {
//        ^ definition.namespace shop.pricing parent=shop
double with_tax(double amount);
//     ^ definition.function shop.pricing.with_tax
constexpr double kVat = 0.2;
//               ^ definition.constant shop.pricing.kVat
}  // namespace pricing

}  // namespace shop

namespace shop::detail {
//              ^ definition.namespace shop.detail
struct Counted {
    // ^ definition.struct shop.detail.Counted
    int instances = 0;
    //  ^ definition.field shop.detail.Counted.instances
};
}  // namespace shop::detail

extern "C" {
int shop_version(void);
//  ^ definition.function shop_version
}

using Money = double;
//    ^ definition.type Money
typedef std::vector<shop::Cart> Carts;
//                              ^ definition.type Carts
//                        ^ reference.type Cart receiver=shop
