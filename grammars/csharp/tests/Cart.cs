// hive: relpath=src/Acme.Shop/Cart.cs module=Acme.Shop
using System;
// ^ import "" module=System wildcard=true
using System.Collections.Generic;
// ^ import "" module=System.Collections.Generic wildcard=true
using static System.Math;
// ^ import "" module=System.Math wildcard=true
using Json = Newtonsoft.Json.JsonConvert;
//    ^ import Json module=Newtonsoft.Json name=JsonConvert alias=Json
using Sys = System;
//    ^ import Sys module=System alias=Sys
global using Acme.Core;
// ^ import "" module=Acme.Core wildcard=true

namespace Acme.Shop;

/// <summary>A shopping cart — «non-ASCII» text on purpose: ünïcödé ✓.</summary>
/// <typeparam name="T">The kind of item.</typeparam>
[Serializable]
public partial class Cart<T> : ModelBase, IDisposable, Acme.Core.IAudited where T : Item
//                   ^ definition.class Cart doc="<summary>A shopping cart — «non-ASCII» text on purpose: ünïcödé ✓.</summary>\n<typeparam name=\"T\">The kind of item.</typeparam>"
//                             ^ reference.inherit ModelBase
//                                        ^ reference.inherit IDisposable
//                                                                ^ reference.inherit IAudited receiver=Acme.Core
//                                                                                  ^ reference.type Item
{
    // a plain comment is not documentation
    public const int MaxItems = 100;
    //               ^ definition.constant Cart.MaxItems parent=Cart sig="public const int MaxItems = 100;" doc=""
    private readonly List<T> _items = new(), _removed;
    //                       ^ definition.field Cart._items
    //                                       ^ definition.field Cart._removed
    //               ^ reference.type List
    //                    ^ reference.type T

    /// <summary>Who owns the cart.</summary>
    public Owner Owner { get; private set; }
    //           ^ definition.property Cart.Owner sig="public Owner Owner" doc="<summary>Who owns the cart.</summary>"
    //     ^ reference.type Owner
    public int Count => _items.Count;
    //         ^ definition.property Cart.Count sig="public int Count"
    public event EventHandler? Changed;
    //                         ^ definition.field Cart.Changed
    //           ^ reference.type EventHandler

    /// <summary>Makes an empty cart.</summary>
    public Cart(Owner owner) : base(owner.Id)
    //     ^ definition.constructor Cart.Cart sig="public Cart(Owner owner) : base(owner.Id)" doc="<summary>Makes an empty cart.</summary>"
    {
        Owner = owner;
    }

    ~Cart()
    // <- !reference.call
    //^ definition.constructor Cart.Cart
    {
        Dispose();
        // <- reference.call Dispose receiver=""
    }

    public T this[int index] => _items[index];
    //       ^ definition.property Cart.this sig="public T this[int index]"

    public static Cart<T> operator +(Cart<T> cart, T item) => cart.Add(item);
    //                             ^ definition.method Cart.+
    //                                                             ^ reference.call Add receiver=cart

    public Cart<T> Add(T item)
    //             ^ definition.method Cart.Add sig="public Cart<T> Add(T item)"
    //     ^ reference.type Cart
    {
        if (_items.Count >= Max(MaxItems, 1))
        //                  ^ reference.call Max receiver=""
        {
            throw new CartFullException(this);
            //        ^ reference.call CartFullException
        }
        _items.Add(item);
        //     ^ reference.call Add receiver=_items
        this.Changed?.Invoke(this, EventArgs.Empty);
        //            ^ reference.call Invoke receiver=this.Changed
        return this;
    }

    public decimal Total()
    //             ^ definition.method Cart.Total
    {
        decimal Taxed(decimal amount) => Prices.WithTax<decimal>(amount);
        //      ^ definition.function Cart.Total.Taxed parent=Total
        //                                      ^ reference.call WithTax receiver=Prices
        var text = nameof(Total);
        //         ^ !reference.call
        return Taxed(Sum());
        //     ^ reference.call Taxed receiver=""
    }

    public void Dispose() => this.Save();
    //          ^ definition.method Cart.Dispose
    //                            ^ reference.call Save receiver=this

    /// <summary>Called when a cart changes.</summary>
    public delegate void Listener(Cart<T> cart);
    //                   ^ definition.type Cart.Listener doc="<summary>Called when a cart changes.</summary>"

    public interface IView
    //               ^ definition.interface Cart.IView
    {
        string Render(Cart<T> cart);
        //     ^ definition.method Cart.IView.Render sig="string Render(Cart<T> cart);"
    }

    public enum State
    //          ^ definition.enum Cart.State
    {
        /// <summary>Still shopping.</summary>
        Open,
        // <- definition.enum_member Cart.State.Open doc="<summary>Still shopping.</summary>"
        Paid = 2,
        // <- definition.enum_member Cart.State.Paid sig="Paid"
    }

    public struct Line
    //            ^ definition.struct Cart.Line
    {
        public int Quantity;
        //         ^ definition.field Cart.Line.Quantity
    }

    public record Entry(string Name, int Quantity) : Acme.Core.Record(Name);
    //            ^ definition.class Cart.Entry sig="public record Entry(string Name, int Quantity) : Acme.Core.Record(Name);"
    //                         ^ definition.property Cart.Entry.Name parent=Entry
    //                                   ^ definition.property Cart.Entry.Quantity
    //                                                         ^ reference.inherit Record receiver=Acme.Core

    public readonly record struct Point(int X, int Y);
    //                            ^ definition.struct Cart.Point
    //                                      ^ definition.property Cart.Point.X
    //                                             ^ definition.property Cart.Point.Y
}

public class CartFullException(Cart<Item> cart) : Exception($"cart is full: {cart}")
//           ^ definition.class CartFullException parent=""
//                             ^ reference.type Cart
//                                                ^ reference.inherit Exception
{
}
