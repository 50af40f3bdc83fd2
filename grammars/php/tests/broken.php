<?php
// hive: relpath=src/Billing/Invoice.php module=Billing errors=1

namespace Billing {
    class Invoice
    //    ^ definition.class Invoice
    {
        public function total(): int
        //              ^ definition.method Invoice.total
        {
            return $this->lines->sum(
        }

        public function send(Mailer $mailer): void
        //              ^ definition.method Invoice.send
        {
            $mailer->deliver($this);
            //       ^ reference.call deliver receiver=$mailer
        }
    }
}
