// hive: relpath=src/components/CartView.jsx module=src.components.CartView
import { Button } from "./Button";
// ^ import Button module=./Button name=Button
import * as Form from "./Form";
// ^ import Form module=./Form name=* alias=Form

/** Shows a cart's lines and a checkout button. */
export function CartView({ cart, onCheckout }) {
  //            ^ definition.function CartView doc="Shows a cart's lines and a checkout button."
  const lines = cart.items.map((item) => <Line key={item.id} item={item} />);
  //                                      ^ reference.call Line
  //                                           ^ !reference.call
  const button = <Button onClick={onCheckout}>Pay</Button>;
  //              ^ reference.call Button
  //                                               ^ reference.call Button
  const field = <Form.Field name="note" />;
  //                  ^ reference.call Field receiver=Form
  const plain = <div className="cart">{lines}{button}{field}</div>;
  //             ^ !reference.call
  return plain;
}

const Line = ({ item }) => <li>{item.name}</li>;
//    ^ definition.function Line

export default CartView;
// ^ import default module="" name=CartView alias=default
