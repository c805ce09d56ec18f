/**
 * The query model shared by UI, Web API, FetchXML and import: columns, a filter tree, joined entities, orders,
 * paging and aggregates. The store translates it to SQL.
 */
package io.rapport.query;
