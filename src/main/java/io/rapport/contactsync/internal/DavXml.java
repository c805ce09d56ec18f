package io.rapport.contactsync.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * WebDAV XML by hand (no maintained Java WebDAV server library exists): reading request bodies with a parser that
 * refuses DTDs and external entities, and writing multistatus responses.
 */
final class DavXml {

    static final String DAV = "DAV:";
    static final String CARDDAV = "urn:ietf:params:xml:ns:carddav";
    static final String CS = "http://calendarserver.org/ns/";

    /** A property name. */
    record Name(String namespace, String local) {
        static Name dav(String local) {
            return new Name(DAV, local);
        }

        static Name card(String local) {
            return new Name(CARDDAV, local);
        }
    }

    private DavXml() {
    }

    /** The parsed body, or null when it is empty. */
    static Document parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new BadRequest("The request body is not well-formed XML.");
        }
    }

    static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                result.add(e);
            }
        }
        return result;
    }

    static Element child(Element parent, String namespace, String local) {
        for (Element e : children(parent)) {
            if (is(e, namespace, local)) {
                return e;
            }
        }
        return null;
    }

    static boolean is(Element e, String namespace, String local) {
        return local.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI());
    }

    static Name name(Element e) {
        return new Name(e.getNamespaceURI() == null ? "" : e.getNamespaceURI(), e.getLocalName());
    }

    /** The property names under {@code prop} of the element, or null when it has none. */
    static List<Name> props(Element parent) {
        Element prop = parent == null ? null : child(parent, DAV, "prop");
        if (prop == null) {
            return null;
        }
        return children(prop).stream().map(DavXml::name).toList();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\r' -> b.append("&#13;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A multistatus response being written: to a string, or streamed to the client as it is built (a listing or a
     * multiget of thousands of cards is never held whole in memory).
     */
    static final class Multistatus {
        private final Writer xml;

        /** Written to a string ({@link #end()} returns it). */
        Multistatus() {
            this(new StringWriter(4096));
        }

        /** Written to the writer; {@link #end()} flushes it. */
        Multistatus(Writer out) {
            this.xml = out;
            append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:multistatus xmlns:d=\"DAV:\" xmlns:card=\"")
                    .append(CARDDAV).append("\" xmlns:cs=\"").append(CS).append("\">");
        }

        /** One resource: the values found (already XML) and the names not found. */
        Multistatus response(String href, List<String> found, List<Name> missing) {
            append("<d:response><d:href>").append(escape(href)).append("</d:href>");
            if (!found.isEmpty() || missing.isEmpty()) {
                append("<d:propstat><d:prop>");
                found.forEach(this::append);
                append("</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>");
            }
            if (!missing.isEmpty()) {
                append("<d:propstat><d:prop>");
                for (Name n : missing) {
                    append(empty(n));
                }
                append("</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>");
            }
            append("</d:response>");
            return this;
        }

        /** A resource that is gone or not found. */
        Multistatus status(String href, int status, String reason) {
            append("<d:response><d:href>").append(escape(href)).append("</d:href><d:status>HTTP/1.1 ")
                    .append(Integer.toString(status)).append(" ").append(reason).append("</d:status></d:response>");
            return this;
        }

        Multistatus raw(String text) {
            append(text);
            return this;
        }

        /** Closes the document: the text when written to a string, else flushed to the client (and null). */
        String end() {
            append("</d:multistatus>");
            try {
                xml.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return xml instanceof StringWriter w ? w.toString() : null;
        }

        private Multistatus append(String text) {
            try {
                xml.write(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }

    /** An empty element of the name, with its namespace. */
    static String empty(Name n) {
        return switch (n.namespace()) {
            case DAV -> "<d:" + n.local() + "/>";
            case CARDDAV -> "<card:" + n.local() + "/>";
            case CS -> "<cs:" + n.local() + "/>";
            default -> "<x:" + n.local() + " xmlns:x=\"" + escape(n.namespace()) + "\"/>";
        };
    }

    /** An element of the name holding the given XML. */
    static String element(Name n, String content) {
        String tag = switch (n.namespace()) {
            case DAV -> "d:" + n.local();
            case CARDDAV -> "card:" + n.local();
            case CS -> "cs:" + n.local();
            default -> null;
        };
        if (tag == null) {
            return "<x:" + n.local() + " xmlns:x=\"" + escape(n.namespace()) + "\">" + content + "</x:" + n.local()
                    + ">";
        }
        return "<" + tag + ">" + content + "</" + tag + ">";
    }

    /** A request the server refuses: 400, or the status given (413 for a body too large). */
    static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(String message) {
            this(400, message);
        }

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
