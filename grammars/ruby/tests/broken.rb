# hive: relpath=app/models/order.rb errors=1
# An order being edited: the first method is not finished yet.

class Order < ApplicationRecord
  #   ^ definition.class Order
  #           ^ reference.inherit ApplicationRecord
  def total(
  #   ^ definition.method Order.total
    items.sum(&:price)
  end

  def place!
    # ^ definition.method Order.place!
    Mailer.confirm(self).deliver_later
    #      ^ reference.call confirm receiver=Mailer
  end
end
