-- Indexes the 1,000,000-order benchmark (crates/bench) showed missing:
-- a province filter combined with a status (delivered orders in Tehran) walked thousands of
-- rows of other statuses; payment status had no index at all; and the dashboard read whole
-- order rows (with their JSON documents) where a covering index of the figures it sums does.
CREATE INDEX orders_by_province_status ON orders(province, status_rank, created_at);
CREATE INDEX orders_by_payment ON orders(payment_status, created_at);
CREATE INDEX orders_for_sales ON orders(created_at, payment_status, status_rank, final_total, customer_id);
