package io.rapport.datagen;

/** Fills the database with a generated sales organisation. */
public interface DataGenerator {

    /** Generates and returns how many records of each entity were written. */
    java.util.Map<String, Long> generate(DataGenProperties settings);
}
