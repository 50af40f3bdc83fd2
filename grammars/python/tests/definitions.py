# hive: relpath=src/shop/orders.py module=shop.orders
"""Orders: a fixture for the Python tags query."""

import os
# ^ import os module=os
import json as j, typing
# ^ import j module=json alias=j
#                ^ import typing module=typing
from .models import Order, Item as LineItem
# ^ import Order module=.models name=Order
#                          ^ import LineItem module=.models name=Item alias=LineItem
from ..util import *
# ^ import "" module=..util wildcard=true

MAX_ITEMS = 10
# <- definition.constant MAX_ITEMS sig="MAX_ITEMS = 10"
total, count = 0, 0
# <- definition.variable total
#      ^ definition.variable count


@register
class Cart(Base, mixins.Audited):
    #  ^ definition.class Cart doc="A shopping cart." sig="class Cart(Base, mixins.Audited)"
    #      ^ reference.inherit Base
    #                   ^ reference.inherit Audited receiver=mixins
    """A shopping cart."""

    currency = "EUR"
    # ^ definition.field Cart.currency parent=Cart
    limit: int = MAX_ITEMS
    # ^ definition.field Cart.limit
    #      ^ reference.type int

    def __init__(self, owner):
        # ^ definition.method Cart.__init__ parent=Cart
        self.owner = owner
        self.items = []
        validate(owner)
        # ^ reference.call validate receiver=""

    def add(self, item: "Item", qty: int = 1) -> None:
        # ^ definition.method Cart.add sig="def add(self, item: \"Item\", qty: int = 1) -> None"
        """Add ``qty`` of ``item``.

        Raises when the cart is full.
        """
        # the docstring above is cleaned and dedented
        self.items.append((item, qty))
        #          ^ reference.call append receiver=self.items

        def log(message):
            # ^ definition.function Cart.add.log parent=add
            print(message)
            # <- reference.call print

        log("added")
        # <- reference.call log

    @property
    def size(self) -> int:
        # ^ definition.method Cart.size doc="Number of items."
        """Number of items."""
        return len(self.items)


def checkout(cart: Cart) -> "Order":
    # ^ definition.function checkout doc="" sig="def checkout(cart: Cart) -> \"Order\""
    #                ^ reference.type Cart
    """"""
    order = Order.create(cart)
    #             ^ reference.call create receiver=Order
    # the name below is not a call
    handler = checkout
    # ^ !reference.call
    return order


async def refund(order):
    #       ^ definition.function refund
    await order.cancel()
    #           ^ reference.call cancel receiver=order
