package io.rapport.record;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A postal address as the lines its country writes it, for FormatAddress and for documents (the bill-to and ship-to
 * blocks of a quote, order or invoice). The country is recognized by its name in English, Spanish or Portuguese
 * (accents, case, dots and spaces ignored) or by its ISO 3166 code; an address with no or an unknown country is
 * written as in the United States (street; city, state postal code; country), as Dataverse writes it. Empty parts are
 * left out, and so is every line they leave empty.
 */
public final class AddressFormat {

    /** The parts of an address; any may be null or blank. */
    public record Address(String line1, String line2, String line3, String city, String stateOrProvince,
            String postalCode, String country) {

        /** The address in the columns {@code prefix + "line1"}, ... of a record (e.g. {@code billto_}). */
        public static Address of(Entity record, String prefix) {
            return new Address(record.getString(prefix + "line1"), record.getString(prefix + "line2"),
                    record.getString(prefix + "line3"), record.getString(prefix + "city"),
                    record.getString(prefix + "stateorprovince"), record.getString(prefix + "postalcode"),
                    record.getString(prefix + "country"));
        }

        public boolean isEmpty() {
            return Stream.of(line1, line2, line3, city, stateOrProvince, postalCode, country)
                    .allMatch(p -> p == null || p.isBlank());
        }
    }

    /** How the lines after the street lines are written, by country. */
    enum Style {
        /** City, State PostalCode / Country (United States, Canada, Australia; also the default). */
        NORTH_AMERICAN,
        /** City / State / PostalCode / Country (United Kingdom, Ireland). */
        BRITISH,
        /** PostalCode City / State / Country (most of Europe; Spain's and Italy's province on its own line). */
        CONTINENTAL,
        /** City - State / PostalCode / Country (Brazil: "São Paulo - SP", then the CEP). */
        BRAZILIAN,
        /** PostalCode City, State / Country (Mexico and much of Latin America). */
        LATIN_AMERICAN,
        /** PostalCode / State City / street / Country: largest to smallest (Japan, China, Korea). */
        EAST_ASIAN
    }

    private static final Map<String, Style> COUNTRIES = Stream.of(
            entry(Style.NORTH_AMERICAN, "us", "usa", "united states", "united states of america", "estados unidos",
                    "eeuu", "eua", "ca", "can", "canada", "au", "aus", "australia", "australie"),
            entry(Style.BRITISH, "gb", "gbr", "uk", "united kingdom", "great britain", "england", "scotland", "wales",
                    "reino unido", "ie", "irl", "ireland", "irlanda"),
            entry(Style.CONTINENTAL, "de", "deu", "germany", "deutschland", "alemania", "alemanha", "at", "aut",
                    "austria", "osterreich", "ch", "che", "switzerland", "suiza", "suica", "schweiz", "fr", "fra",
                    "france", "francia", "franca", "es", "esp", "spain", "espana", "espanha", "it", "ita", "italy",
                    "italia", "pt", "prt", "portugal", "nl", "nld", "netherlands", "paises bajos", "holanda",
                    "paises baixos", "be", "bel", "belgium", "belgica", "se", "swe", "sweden", "suecia", "no", "nor",
                    "norway", "noruega", "dk", "dnk", "denmark", "dinamarca", "fi", "fin", "finland", "finlandia",
                    "pl", "pol", "poland", "polonia", "cz", "cze", "czechia", "czech republic", "chequia", "tchequia",
                    "ar", "arg", "argentina", "cl", "chl", "chile", "uy", "ury", "uruguay", "py", "pry", "paraguay"),
            entry(Style.BRAZILIAN, "br", "bra", "brazil", "brasil"),
            entry(Style.LATIN_AMERICAN, "mx", "mex", "mexico", "co", "col", "colombia", "pe", "per", "peru", "ec",
                    "ecu", "ecuador", "ve", "ven", "venezuela"),
            entry(Style.EAST_ASIAN, "jp", "jpn", "japan", "japon", "japao", "cn", "chn", "china", "kr", "kor",
                    "south korea", "korea", "corea del sur", "coreia do sul"))
            .flatMap(m -> m.entrySet().stream()).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    private AddressFormat() {
    }

    private static Map<String, Style> entry(Style style, String... names) {
        return Stream.of(names).collect(Collectors.toMap(Function.identity(), n -> style));
    }

    /** The style of a country's name or code; the North American one when unknown or absent. */
    static Style styleOf(String country) {
        if (country == null || country.isBlank()) {
            return Style.NORTH_AMERICAN;
        }
        String key = Normalizer.normalize(country, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replace(".", "").replaceAll("\\s+", " ").trim();
        Style style = COUNTRIES.get(key);
        return style == null ? COUNTRIES.getOrDefault(key.replace(" ", ""), Style.NORTH_AMERICAN) : style;
    }

    /** The address as lines, in its country's order. */
    public static List<String> lines(Address a) {
        String city = text(a.city());
        String state = text(a.stateOrProvince());
        String postal = text(a.postalCode());
        String country = text(a.country());
        List<String> street = new ArrayList<>();
        Stream.of(a.line1(), a.line2(), a.line3()).map(AddressFormat::text).forEach(street::add);
        List<String> lines = new ArrayList<>();
        switch (styleOf(country)) {
            case NORTH_AMERICAN -> {
                lines.addAll(street);
                String region = join(" ", state, postal);
                lines.add(city.isEmpty() ? region : region.isEmpty() ? city : city + ", " + region);
            }
            case BRITISH -> {
                lines.addAll(street);
                lines.add(city);
                lines.add(state);
                lines.add(postal);
            }
            case CONTINENTAL -> {
                lines.addAll(street);
                lines.add(join(" ", postal, city));
                lines.add(state);
            }
            case BRAZILIAN -> {
                lines.addAll(street);
                lines.add(join(" - ", city, state));
                lines.add(postal);
            }
            case LATIN_AMERICAN -> {
                lines.addAll(street);
                String place = join(" ", postal, city);
                lines.add(state.isEmpty() ? place : place.isEmpty() ? state : place + ", " + state);
            }
            case EAST_ASIAN -> {
                lines.add(postal);
                lines.add(join(" ", state, city));
                lines.addAll(street);
            }
            default -> throw new IllegalStateException();
        }
        lines.add(country);
        return lines.stream().filter(l -> !l.isEmpty()).toList();
    }

    private static String join(String separator, String... parts) {
        return Stream.of(parts).filter(p -> !p.isEmpty()).collect(Collectors.joining(separator));
    }

    private static String text(String s) {
        return s == null ? "" : s.trim();
    }
}
