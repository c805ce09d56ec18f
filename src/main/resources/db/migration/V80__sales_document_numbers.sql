-- Numbers of quotes, orders and invoices (QUO-01000, ORD-01001, INV-01002 with configurable prefixes): one sequence
-- shared by every node, so two nodes never hand out the same number.
create sequence sys_sales_document_number start with 1000 increment by 1;
