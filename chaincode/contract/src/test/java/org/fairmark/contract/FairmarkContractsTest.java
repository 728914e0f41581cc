package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.Test;

/** The hand-kept list of contract classes is what the shim's own scan and metadata find: nothing more, nothing less. */
class FairmarkContractsTest {

    @Test
    void lists_exactly_the_transactions_of_the_contract_metadata() {
        Map<String, String> fromList = new TreeMap<>();
        for (Class<?> type : FairmarkContracts.classes()) {
            String name = type.getAnnotation(Contract.class).name();
            for (Method method : type.getMethods()) {
                Transaction tx = method.getAnnotation(Transaction.class);
                if (tx != null) {
                    fromList.put(name + ":" + method.getName(), tx.intent().name());
                }
            }
        }
        assertThat(fromList).isEqualTo(ContractFunctionsTest.declared());
    }

    @Test
    void names_the_default_contract_first() {
        assertThat(FairmarkContracts.classes().get(0).getAnnotation(Default.class)).isNotNull();
        assertThat(FairmarkContracts.classes().stream().skip(1).filter(type -> type.isAnnotationPresent(Default.class)))
                .isEmpty();
    }
}
