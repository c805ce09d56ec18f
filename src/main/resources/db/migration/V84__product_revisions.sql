-- The published values of a product while it is Under Revision (Dynamics 365: RevertProduct loses every change made
-- since the product was last published): written when a product goes from Active to Under Revision, read back by
-- RevertProduct, dropped when the product is published again or deleted. Owned by the sales module.
create table sys_product_revision (
    productid        uuid          not null primary key,
    published_values varchar(8000) not null
);
