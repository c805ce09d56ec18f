/**
 * A deterministic generator of a realistic sales organisation (business units, users, accounts with hierarchies,
 * contacts, leads, opportunities, activities and notes) for benchmarks and demos. It loads through the store's
 * bulk path, not the pipeline: it is a load tool, so it writes no audit history.
 */
package io.rapport.datagen;
