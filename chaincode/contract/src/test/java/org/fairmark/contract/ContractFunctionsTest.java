package org.fairmark.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.model.ContractFunctions;
import org.junit.jupiter.api.Test;

/**
 * {@link ContractFunctions} names exactly the transactions the contract declares, read from the contract's own
 * metadata ({@code org.hyperledger.fabric:GetMetadata}, what Fabric's routing sees), not from a list kept by hand.
 */
class ContractFunctionsTest {

    /** {@code contract:Function} → SUBMIT or EVALUATE, for every transaction of the Fairmark contracts. */
    static Map<String, String> declared() {
        Outcome metadata = new Chain().raw(Parties.buyer(), List.of("org.hyperledger.fabric:GetMetadata".getBytes(UTF_8)));
        assertThat(metadata.ok()).as(metadata.toString()).isTrue();
        Map<String, String> out = new TreeMap<>();
        JsonNode contracts = CanonicalJson.tree(metadata.payload().getBytes(UTF_8)).get("contracts");
        for (Iterator<String> names = contracts.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.startsWith("org.hyperledger")) {
                continue;
            }
            for (JsonNode tx : contracts.get(name).get("transactions")) {
                List<String> tags = new ArrayList<>();
                tx.get("tags").forEach(t -> tags.add(t.asText()));
                out.put(name + ":" + tx.get("name").asText(), tags.contains("SUBMIT") ? "SUBMIT" : "EVALUATE");
            }
        }
        return out;
    }

    @Test
    void the_constants_are_the_contracts_transactions() {
        assertThat(ContractFunctions.ALL).containsExactlyInAnyOrderElementsOf(declared().keySet());
        assertThat(ContractFunctions.ALL).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void the_write_requests_go_to_exactly_the_submit_transactions() {
        Map<String, String> declared = declared();
        List<String> submits = declared.keySet().stream().filter(f -> declared.get(f).equals("SUBMIT")).toList();
        assertThat(submits).isNotEmpty().containsExactlyInAnyOrderElementsOf(ContractFunctions.WRITES.values());
        for (Class<?> type : org.fairmark.domain.model.Requests.class.getClasses()) {
            if (org.fairmark.domain.model.Requests.Write.class.isAssignableFrom(type) && type.isRecord()) {
                assertThat(ContractFunctions.WRITES).as("write %s", type.getSimpleName()).containsKey(
                        type.asSubclass(org.fairmark.domain.model.Requests.Write.class));
            }
        }
    }

    @Test
    void every_constant_field_is_listed_in_ALL() throws Exception {
        List<String> fields = new ArrayList<>();
        for (java.lang.reflect.Field field : ContractFunctions.class.getFields()) {
            if (field.getType() == String.class) {
                fields.add((String) field.get(null));
            }
        }
        assertThat(fields).containsExactlyInAnyOrderElementsOf(ContractFunctions.ALL);
    }
}
