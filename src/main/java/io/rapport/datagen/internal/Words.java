package io.rapport.datagen.internal;

import java.util.SplittableRandom;

/** Word lists for names that look like a real sales database, non-ASCII names included. */
final class Words {

    static final String[] COMPANY_FIRST = {"Contoso", "Fabrikam", "Northwind", "Tailspin", "Litware", "Adventure",
        "Wingtip", "Proseware", "Woodgrove", "Alpine", "Coho", "Lucerne", "Margie's", "Trey", "Wide World", "Blue Yonder",
        "Fourth Coffee", "Humongous", "Graphic", "Southridge", "São Paulo", "Zürich", "Málaga", "Kraków", "Örebro",
        "Wipro", "Atlas", "Boreal", "Cobalt", "Delta", "Evergreen", "Falcon", "Granite", "Harbor", "Ion", "Juniper"};
    static final String[] COMPANY_SECOND = {"Systems", "Traders", "Logistics", "Labs", "Foods", "Motors", "Energy",
        "Partners", "Holdings", "Industries", "Software", "Health", "Finance", "Retail", "Textiles", "Media",
        "Consulting", "Engenharia", "Soluciones", "Tecnologia", "Airlines", "Pharma", "Robotics", "Studios"};
    static final String[] SUFFIX = {"Inc.", "Ltd.", "GmbH", "S.A.", "Ltda.", "LLC", "plc", "AG", "S.L.", "BV"};
    static final String[] FIRST = {"Peter", "Ana", "José", "Maria", "João", "Zoë", "Lucía", "Mateo", "Sofia", "Liam",
        "Chloé", "Björn", "Ingrid", "Ahmed", "Fatima", "Wei", "Yuki", "Raj", "Priya", "Olga", "Tomás", "Inês",
        "Noah", "Emma", "Hiroshi", "Amara", "Kwame", "Elif", "Dmitri", "Grace", "Luis", "Camila", "Hannah"};
    static final String[] LAST = {"Parker", "Silva", "García", "Müller", "Smith", "Nguyen", "Kowalski", "Rossi",
        "Dubois", "Santos", "Andersson", "O'Brien", "Yamamoto", "Patel", "Kim", "Novak", "Fernández", "Costa",
        "Schmidt", "Johnson", "Lopez", "Oliveira", "Ivanova", "Okafor", "Haddad", "Larsen", "Brown", "Pereira"};
    static final String[] CITIES = {"Lisbon", "São Paulo", "Madrid", "New York", "London", "Berlin", "Zürich",
        "Bogotá", "Toronto", "Sydney", "Tokyo", "Mumbai", "Mexico City", "Porto", "Seville", "Chicago", "Paris"};
    static final String[] COUNTRIES = {"Portugal", "Brazil", "Spain", "United States", "United Kingdom", "Germany",
        "Switzerland", "Colombia", "Canada", "Australia", "Japan", "India", "Mexico", "France"};
    static final String[] TOPICS = {"laptops", "licenses", "support contract", "office chairs", "servers",
        "training", "consulting days", "cloud migration", "phones", "printers", "CRM rollout", "security audit"};
    static final String[] JOBS = {"CEO", "CFO", "Buyer", "Purchasing Manager", "IT Director", "Sales Manager",
        "Engineer", "Office Manager", "Consultant", "Head of Operations"};

    private Words() {
    }

    static String pick(SplittableRandom r, String[] words) {
        return words[r.nextInt(words.length)];
    }
}
