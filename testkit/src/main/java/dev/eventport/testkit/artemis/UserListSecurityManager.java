package dev.eventport.testkit.artemis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * Authenticates the users of a secured {@link EmbeddedArtemis} from a fixed list; each user holds one role named
 * after itself, which carries its permissions.
 */
final class UserListSecurityManager implements ActiveMQSecurityManager {

    private final Map<String, String> passwords = new HashMap<>();

    UserListSecurityManager(List<EmbeddedArtemis.User> users) {
        for (EmbeddedArtemis.User user : users) {
            passwords.put(user.name(), user.password());
        }
    }

    @Override
    public boolean validateUser(String user, String password) {
        return user != null && password != null && password.equals(passwords.get(user));
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        if (!validateUser(user, password)) {
            return false;
        }
        for (Role role : roles) {
            if (role.getName().equals(user) && checkType.hasRole(role)) {
                return true;
            }
        }
        return false;
    }
}
