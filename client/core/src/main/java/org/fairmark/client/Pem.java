package org.fairmark.client;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.fairmark.domain.ErrorCode;

/** PEM text of certificates and keys. */
final class Pem {
    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {}

    static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw FairmarkException.client(ErrorCode.INTERNAL_ERROR, "cannot encode a certificate", e);
        }
    }

    static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + MIME.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** Every certificate of a PEM text, in order. */
    static List<X509Certificate> certificates(String pem, String where) {
        List<X509Certificate> certificates = new ArrayList<>();
        String marker = "-----BEGIN CERTIFICATE-----";
        String end = "-----END CERTIFICATE-----";
        int from = pem.indexOf(marker);
        while (from >= 0) {
            int to = pem.indexOf(end, from);
            if (to < 0) {
                throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, where + " has an unterminated certificate");
            }
            certificates.add(FairmarkIdentity.readCertificate(pem.substring(from, to + end.length()) + "\n", where));
            from = pem.indexOf(marker, to);
        }
        return certificates;
    }
}
