<?php
// hive: relpath=src/Shop/Cart.php module=App.Shop

declare(strict_types=1);

namespace App\Shop;
//        ^ !reference.call

use App\Models\Model;
// ^ import Model module='App\Models' name=Model
use App\Util\Pricing as P, App\Util\Tax;
// ^ import P module='App\Util' name=Pricing alias=P
//                         ^ import Tax module='App\Util' name=Tax
use function App\Util\format_price;
// ^ import format_price module='App\Util' name=format_price
use const App\Util\TAX_RATE;
// ^ import TAX_RATE module='App\Util' name=TAX_RATE
use App\Contracts\{Sellable, Taxable as T, Sub\Auditable};
// ^ import Sellable module='App\Contracts' name=Sellable
//                           ^ import T module='App\Contracts' name=Taxable alias=T
//                                         ^ import 'Sub\Auditable' module='App\Contracts' name='Sub\Auditable'
use Countable;
// ^ import Countable name=Countable
use Stringable as Printable;
// ^ import Printable name=Stringable alias=Printable

const MAX_ITEMS = 50, MIN_ITEMS = 1;
//    ^ definition.constant MAX_ITEMS sig="const MAX_ITEMS = 50, MIN_ITEMS = 1;"
//                    ^ definition.constant MIN_ITEMS
define('LEGACY_MODE', false);
//      ^ definition.constant LEGACY_MODE
// <- reference.call define

/**
 * A shopping cart: «ünïcödé» ✓.
 */
#[Entity(table: 'carts')]
final class Cart extends Model implements Sellable, \Countable
//          ^ definition.class Cart doc="A shopping cart: «ünïcödé» ✓." sig="#[Entity(table: 'carts')] final class Cart extends Model implements Sellable, \\Countable"
//                       ^ reference.inherit Model
//                                        ^ reference.inherit Sellable
//                                                   ^ reference.inherit Countable
{
    use HasItems, Logs;
    //  ^ reference.inherit HasItems
    //            ^ reference.inherit Logs

    public const CURRENCY = 'EUR';
    //           ^ definition.constant Cart.CURRENCY parent=Cart
    private static int $count = 0;
    //                 ^ definition.property Cart.$count sig="private static int $count = 0;"
    /** The lines, by sku. */
    protected ?array $items = [], $notes;
    //                ^ definition.property Cart.items doc="The lines, by sku."
    //                             ^ definition.property Cart.notes

    /** Make a cart for its owner. */
    public function __construct(private string $owner, public readonly int $limit = MAX_ITEMS)
    //              ^ definition.constructor Cart.__construct doc="Make a cart for its owner."
    //                                          ^ definition.property Cart.owner parent=__construct
    //                                                                      ^ definition.property Cart.limit
    {
        parent::__construct();
        //      ^ reference.call __construct receiver=parent
        self::$count++;
    }

    public static function make(string $owner): static
    //                     ^ definition.method Cart.make sig="public static function make(string $owner): static"
    //                                          ^ !reference.type
    {
        return new static($owner);
        //         ^ !reference.call
    }

    public function add(Item $item, int $qty = 1): self
    //              ^ definition.method Cart.add
    //                  ^ reference.type Item
    {
        $total = $this->total();
        //              ^ reference.call total receiver=$this
        self::make('x');
        //    ^ reference.call make receiver=self
        P::price($item);
        // <- reference.type P
        // ^ reference.call price receiver=P
        $other = new Cart('y');
        //           ^ reference.call Cart
        $other?->add($item);
        //       ^ reference.call add receiver=$other
        $copy = new \App\Archive\Cart();
        //                       ^ reference.call Cart receiver='App\Archive'
        format_price($total * TAX_RATE);
        // <- reference.call format_price receiver=""
        \App\Util\log_line('added');
        //        ^ reference.call log_line receiver='App\Util'
        $double = fn(int $x): int => $x * 2;
        $this->items[] = $item;
        // ^ !reference.call
        return $this;
    }

    abstract protected function total(): int;
    //                          ^ definition.method Cart.total
}

/** Something that can be sold. */
interface Sellable extends Priced, \JsonSerializable
//        ^ definition.interface Sellable doc="Something that can be sold."
//                         ^ reference.inherit Priced
//                                  ^ reference.inherit JsonSerializable
{
    const VAT = 0.2;
    //    ^ definition.constant Sellable.VAT
    public function price(): int;
    //              ^ definition.method Sellable.price
}

trait HasItems
//    ^ definition.trait HasItems
{
    public function items(): array
    //              ^ definition.method HasItems.items
    {
        return $this->items;
    }
}

enum Suit: string implements HasLabel
//   ^ definition.enum Suit
//                           ^ reference.inherit HasLabel
{
    case Hearts = 'H';
    //   ^ definition.enum_member Suit.Hearts
    case Spades = 'S';
    //   ^ definition.enum_member Suit.Spades
    const Wild = self::Spades;
    //    ^ definition.constant Suit.Wild

    public function label(): string
    //              ^ definition.method Suit.label
    {
        return ucfirst(strtolower($this->name));
        //     ^ reference.call ucfirst
    }
}

/**
 * Totals of many carts.
 */
function total_of(Cart ...$carts): int
//       ^ definition.function total_of doc="Totals of many carts."
//                ^ reference.type Cart
{
    try {
        return array_sum(array_map(fn(Cart $c) => $c->total(), $carts));
        //                                             ^ reference.call total receiver=$c
    } catch (\RuntimeException | PricingError $e) {
        //    ^ reference.type RuntimeException
        //                       ^ reference.type PricingError
        return Suit::Hearts instanceof Suit ? 0 : -1;
        //     ^ reference.type Suit
        //                             ^ reference.type Suit
    }
}
