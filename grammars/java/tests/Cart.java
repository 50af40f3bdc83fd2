// hive: relpath=src/main/java/com/acme/shop/Cart.java module=com.acme.shop
package com.acme.shop;

import java.util.ArrayList;
// ^ import ArrayList module=java.util name=ArrayList
import java.util.List;
//               ^ import List module=java.util name=List
import java.util.function.*;
// ^ import "" module=java.util.function wildcard=true
import static java.lang.Math.max;
// ^ import max module=java.lang.Math name=max
import static com.acme.shop.Prices.*;
// ^ import "" module=com.acme.shop.Prices wildcard=true
import com.acme.shop.model.Item;
// ^ import Item module=com.acme.shop.model name=Item

/**
 * A shopping cart — «non-ASCII» text on purpose: ünïcödé ✓.
 *
 * @param <T> the kind of item
 */
@Entity(name = "carts")
// ^ reference.type Entity
public class Cart<T extends Item> extends BaseModel implements Iterable<T>, java.io.Serializable {
//           ^ definition.class Cart doc="A shopping cart — «non-ASCII» text on purpose: ünïcödé ✓.\n\n@param <T> the kind of item"
//                ^ !reference.type
//                          ^ reference.type Item
//                                        ^ reference.inherit BaseModel
//                                                             ^ reference.inherit Iterable
//                                                                      ^ reference.type T
//                                                                                  ^ reference.inherit Serializable receiver=java.io
    // a plain comment is not documentation
    public static final int MAX_ITEMS = 100;
    //                      ^ definition.constant Cart.MAX_ITEMS parent=Cart sig="public static final int MAX_ITEMS = 100;" doc=""
    static final String CURRENCY = "EUR";
    //                  ^ definition.constant Cart.CURRENCY
    //           ^ reference.type String

    /** The items, in order. */
    private final List<T> items = new ArrayList<>(), removed;
    //                    ^ definition.field Cart.items doc="The items, in order."
    //                                               ^ definition.field Cart.removed
    //            ^ reference.type List
    //                 ^ reference.type T
    //                                ^ reference.call ArrayList
    private Owner owner;
    //            ^ definition.field Cart.owner doc=""
    //      ^ reference.type Owner

    /** Makes an empty cart for {@code owner}. */
    public Cart(Owner owner) {
    //     ^ definition.constructor Cart.Cart parent=Cart sig="public Cart(Owner owner)" doc="Makes an empty cart for {@code owner}."
        super(owner.id());
        //          ^ reference.call id receiver=owner
        this.owner = owner;
    }

    /**
     * Adds one item.
     */
    @Override
    public boolean add(T item) throws CartFullException {
    //             ^ definition.method Cart.add sig="@Override public boolean add(T item) throws CartFullException" doc="Adds one item."
    //                                ^ reference.type CartFullException
        if (items.size() >= max(MAX_ITEMS, 1)) {
        //        ^ reference.call size receiver=items
        //                  ^ reference.call max receiver=""
            throw new CartFullException(this);
            //        ^ reference.call CartFullException
        }
        validate(item);
        // <- reference.call validate receiver=""
        return this.items.add(item);
        //                ^ reference.call add receiver=this.items
    }

    public int total() {
    //         ^ definition.method Cart.total
        var sum = 0;
        // <- !reference.type
        for (T item : items) {
            sum += Prices.priceOf(item);
            //            ^ reference.call priceOf receiver=Prices
        }
        Function<Integer, Integer> taxed = amount -> withTax(amount);
        //                                           ^ reference.call withTax
        items.forEach(Cart::log);
        //                  ^ reference.call log receiver=Cart
        return taxed.apply(sum);
    }

    static void log(Object value) {
    //          ^ definition.method Cart.log
        String text = "total";
        // <- reference.type String
        //     ^ !reference.type
    }

    /** What a cart can be told. */
    public interface Listener {
    //               ^ definition.interface Cart.Listener doc="What a cart can be told."
        int VERSION = 2;
        //  ^ definition.constant Cart.Listener.VERSION parent=Listener

        void changed(Cart<?> cart);
        //   ^ definition.method Cart.Listener.changed sig="void changed(Cart<?> cart);"
    }

    enum State {
    //   ^ definition.enum Cart.State
        /** Still shopping. */
        OPEN,
        // <- definition.enum_member Cart.State.OPEN doc="Still shopping."
        PAID("paid") {
        // <- definition.enum_member Cart.State.PAID sig="PAID(\"paid\")"
            @Override
            // ^ reference.type Override
            String label() {
            //     ^ definition.method Cart.State.PAID.label
                return "✓";
            }
        };

        State() {
        // <- definition.constructor Cart.State.State
        }

        State(String label) {
        // <- definition.constructor Cart.State.State
        }

        String label() {
        //     ^ definition.method Cart.State.label
            return name();
        }
    }

    record Line(Item item, int quantity) implements Comparable<Line> {
    //     ^ definition.class Cart.Line sig="record Line(Item item, int quantity) implements Comparable<Line>"
    //               ^ definition.field Cart.Line.item parent=Line
    //                         ^ definition.field Cart.Line.quantity
    //                                              ^ reference.inherit Comparable
        Line {
        // <- definition.constructor Cart.Line.Line
            if (quantity < 0) throw new IllegalArgumentException();
        }

        public int compareTo(Line other) {
        //         ^ definition.method Cart.Line.compareTo
            return Integer.compare(quantity, other.quantity());
            //                                     ^ reference.call quantity receiver=other
        }
    }

    @interface Audited {
    //         ^ definition.interface Cart.Audited
        String value() default "";
        //     ^ definition.method Cart.Audited.value
    }
}

// a second top-level type in the file is package-private
final class CartFullException extends RuntimeException {
//          ^ definition.class CartFullException parent=""
//                                    ^ reference.inherit RuntimeException
    CartFullException(Cart<?> cart) {
    // <- definition.constructor CartFullException.CartFullException
        super("cart is full: " + cart);
    }
}
