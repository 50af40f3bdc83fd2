// hive: relpath=src/cart.cpp module=
// A fixture for the C++ tags query: members defined outside their class, and their uses.

#include "shop/cart.hpp"
// ^ import shop/cart.hpp module=shop/cart.hpp
#include <algorithm>
// ^ import algorithm module=algorithm

using namespace std;
//    ^ import "" module=std wildcard=true
using shop::Cart;
//          ^ import Cart module=shop name=Cart
using shop::pricing::with_tax;
//                   ^ import pricing::with_tax module=shop name=pricing::with_tax
using ::shop_version;
//      ^ import shop_version module="" name=shop_version
namespace sp = shop::pricing;
//        ^ import sp module=shop::pricing alias=sp

namespace shop {
//        ^ definition.namespace shop

int Cart::count = 0;
//        ^ definition.field shop.Cart.count parent=shop

Cart::Cart(std::string owner) : owner_(std::move(owner)) {
    //^ definition.constructor shop.Cart.Cart sig="Cart::Cart(std::string owner) : owner_(std::move(owner))"
    ++count;
}

Cart::~Cart() {}
//    ^ definition.method shop.Cart.~Cart

// Adds an item; “qty” may be zero.
Cart& Cart::add(const Item& item, int qty) {
    //      ^ definition.method shop.Cart.add doc="Adds an item; “qty” may be zero." parent=shop
    //                ^ reference.type Item
    lines_.push_back(item);
    //     ^ reference.call push_back receiver=lines_
    subtotal_ += item.price() * qty;
    //                ^ reference.call price receiver=item
    this->audit();
    //    ^ reference.call audit receiver=this
    return *this;
}

Cart& Cart::operator+=(const Item& item) { return add(item); }
//          ^ definition.method shop.Cart.operator+=
//                                                ^ reference.call add

void Cart::audit() const {
    //     ^ definition.method shop.Cart.audit
    auto log = [this](const char* what) { std::printf("%s %d\n", what, count); };
    //                                         ^ reference.call printf receiver=std
    log("audit");
    // <- reference.call log
    for (const auto& line : lines_) {
        total_weight(line);
        // <- reference.call total_weight
    }
}

template <typename Visitor>
void Cart::each(Visitor visit) const {
    //     ^ definition.method shop.Cart.each
    for_each(lines_.begin(), lines_.end(), visit);
    // <- reference.call for_each
}

template <typename T, int N>
Box<T, N>::Box() : values_{} {}
//         ^ definition.constructor shop.Box.Box

template <typename T, int N>
T Box<T, N>::get(int i) const {
    //       ^ definition.method shop.Box.get
    return values_[i];
}

namespace pricing {
//        ^ definition.namespace shop.pricing
double with_tax(double amount) { return amount * (1 + kVat); }
//     ^ definition.function shop.pricing.with_tax parent=pricing
}  // namespace pricing

}  // namespace shop

void shop::Cart::clear() {
    //           ^ definition.method shop.Cart.clear parent=""
    lines_.clear();
}


static Cart* make_cart(const std::string& owner) {
    //       ^ definition.function make_cart
    //                            ^ reference.type string receiver=std
    Cart* cart = new Cart(owner);
    //               ^ reference.call Cart
    shop::Cart other("guest");
    //    ^ reference.type Cart receiver=shop
    auto gift = std::make_unique<shop::Item>("wrap");
    //               ^ reference.call make_unique receiver=std
    //                                 ^ reference.type Item receiver=shop
    cart->add(*gift, 2).add(*gift);
    //    ^ reference.call add receiver=cart
    //                  ^ reference.call add receiver="cart->add(*gift, 2)"
    sp::with_tax(other.total());
    //  ^ reference.call with_tax receiver=sp
    //                 ^ reference.call total receiver=other
    shop::pricing::with_tax(1.0);
    //             ^ reference.call with_tax receiver=pricing
    Cart::State state = Cart::State::Open;
    //    ^ reference.type State receiver=Cart
    return cart;
}

int main(int argc, char** argv) {
    // ^ definition.function main
    Cart* cart = make_cart(argc > 1 ? argv[1] : "anonymous");
    //           ^ reference.call make_cart
    const int shop_count = 1;
    //        ^ !reference.call
    return cart->total() > 0 ? 0 : shop_count;
}
