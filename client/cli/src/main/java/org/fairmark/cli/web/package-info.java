/**
 * The {@code serve} command's HTTP server: a JSON API over the Fairmark client (public reads and verification as a
 * reader identity, the contract's writes with bearer tokens bound to one wallet identity each), the phone verify page
 * at a label's GS1 Digital Link path, and the dashboard; all on the JDK's {@code com.sun.net.httpserver}.
 *
 * <p>Entry points: {@link org.fairmark.cli.web.WebServer}, {@link org.fairmark.cli.web.TokenStore} and
 * {@link org.fairmark.cli.web.ClientFactory}. Everything else is package-private. User documentation:
 * {@code docs/en/web.md}.
 */
package org.fairmark.cli.web;
