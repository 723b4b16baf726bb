import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XsltTransformer;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Validates UBL documents the way the Tax Administration does: the UBL 2.1 schemas with the Croatian extension,
 * then the EN 16931 and the HR CIUS Schematron rules (compiled to XSLT) run with Saxon-HE. Both stylesheets and
 * the schema are compiled once, so one run checks many files.
 *
 * Usage: java -cp Saxon-HE.jar EInvoiceValidator.java <einvoice material folder> <file.xml>...
 * Prints one tab-separated line per finding: FINDING, file, check (XSD | EN16931 | HR-CIUS), flag, rule id, text;
 * and DONE, file once every check of that file has run.
 */
public class EInvoiceValidator {
  public static void main(String[] args) throws Exception {
    File material = new File(args[0]);
    File xsd = new File(material, "validation/xsd/ubl");
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    Schema schema = factory.newSchema(new Source[] {
      new StreamSource(new File(xsd, "common/HRExtensionAggregateComponents-1.xsd")),
      new StreamSource(new File(xsd, "maindoc/UBL-Invoice-2.1.xsd")),
      new StreamSource(new File(xsd, "maindoc/UBL-CreditNote-2.1.xsd")),
    });
    Processor saxon = new Processor(false);
    String[][] rules = {
      { "EN16931", "validation/xslt/EN16931-UBL-validation.xslt" },
      { "HR-CIUS", "validation/xslt/HR-CIUS-EXT-EN16931-UBL.xslt" },
    };
    List<XsltExecutable> stylesheets = new ArrayList<>();
    for (String[] rule : rules) stylesheets.add(saxon.newXsltCompiler().compile(new StreamSource(new File(material, rule[1]))));
    XPathCompiler xpath = saxon.newXPathCompiler();
    xpath.declareNamespace("svrl", "http://purl.oclc.org/dsdl/svrl");

    for (int i = 1; i < args.length; i++) {
      String file = args[i];
      Validator validator = schema.newValidator();
      validator.setErrorHandler(new ErrorHandler() {
        public void warning(SAXParseException e) { print(file, "XSD", "warning", "xsd", e); }
        public void error(SAXParseException e) { print(file, "XSD", "fatal", "xsd", e); }
        public void fatalError(SAXParseException e) { print(file, "XSD", "fatal", "xsd", e); }
      });
      try {
        validator.validate(new StreamSource(new File(file)));
      } catch (Exception e) {
        System.out.println(String.join("\t", "FINDING", file, "XSD", "fatal", "xsd", clean(e.getMessage())));
      }
      for (int r = 0; r < rules.length; r++) {
        XsltTransformer transformer = stylesheets.get(r).load();
        transformer.setSource(new StreamSource(new File(file)));
        XdmDestination report = new XdmDestination();
        transformer.setDestination(report);
        transformer.transform();
        XdmNode svrl = report.getXdmNode();
        for (XdmItem item : xpath.evaluate("//svrl:failed-assert | //svrl:successful-report", svrl)) {
          XdmNode node = (XdmNode) item;
          String flag = xpath.evaluateSingle("string(@flag)", node).getStringValue();
          String id = xpath.evaluateSingle("string(@id)", node).getStringValue();
          String text = xpath.evaluateSingle("string(svrl:text)", node).getStringValue();
          System.out.println(String.join("\t", "FINDING", file, rules[r][0], flag.isEmpty() ? "fatal" : flag, id, clean(text)));
        }
      }
      System.out.println(String.join("\t", "DONE", file));
    }
  }

  static void print(String file, String check, String flag, String id, SAXParseException e) {
    System.out.println(String.join("\t", "FINDING", file, check, flag, id, clean("line " + e.getLineNumber() + ": " + e.getMessage())));
  }

  static String clean(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").trim();
  }
}
