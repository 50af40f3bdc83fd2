// hive: relpath=src/components/CartView.tsx module=src.components.CartView
import React, { useState } from "react";
// ^ import React module=react alias=React
//              ^ import useState module=react name=useState
import { Button, type ButtonProps } from "./Button";
// ^ import Button module=./Button name=Button
//                    ^ import ButtonProps module=./Button name=ButtonProps

/** What CartView needs. */
export interface CartViewProps extends ButtonProps {
  //             ^ definition.interface CartViewProps doc="What CartView needs."
  //                                   ^ reference.inherit ButtonProps
  lines: Line[];
  // <- definition.property CartViewProps.lines
  //     ^ reference.type Line
  onCheckout?: () => void;
  // <- definition.property CartViewProps.onCheckout
}

/** Shows a cart — «Warenkorb». */
export function CartView({ lines, onCheckout }: CartViewProps): JSX.Element {
  //            ^ definition.function CartView doc="Shows a cart — «Warenkorb»."
  //                                            ^ reference.type CartViewProps
  //                                                                ^ reference.type Element receiver=JSX
  const [open, setOpen] = useState<boolean>(false);
  //                      ^ reference.call useState
  const rows = lines.map((line) => <Row key={line.id} line={line} />);
  //                                ^ reference.call Row
  return <Button onClick={() => setOpen(!open)} label={`${rows.length}`} />;
  //      ^ reference.call Button
  //                            ^ reference.call setOpen
}

export const Row = ({ line }: { line: Line }) => <li className="row">{line.name}</li>;
//           ^ definition.function Row
//                                    ^ reference.type Line
//                                                ^ !reference.call

export class Counter extends React.Component<{ start: number }, { n: number }> {
  //         ^ definition.class Counter
  //                                 ^ reference.inherit Component receiver=React
  state = { n: this.props.start };
  // <- definition.field Counter.state
  render() {
    // <- definition.method Counter.render
    return <span>{this.state.n}</span>;
  }
}

type Line = { id: string; name: string };
//   ^ definition.type Line
//            ^ definition.property Line.id
//                        ^ definition.property Line.name
