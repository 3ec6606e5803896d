package org.clinic.gateway.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.gateway.clinic.Clinic;
import org.clinic.gateway.user.User;

/**
 * Short tokens of a user for work the gateway finishes on their behalf after their request (the outbox relay, §26;
 * an export job, §27), minted only while the user can still act: active, in a clinic that is active and is the one the
 * work is for (a superuser: any clinic). Good for nothing but that work ({@link org.clinic.common.tenancy.OnBehalf}).
 */
@ApplicationScoped
@NotTenantScoped("reads the acting user by id (app_user is outside row-level security) to mint their token")
public class OnBehalfTokens {

    private final Pool pool;
    private final AccessTokens tokens;

    public OnBehalfTokens(Pool pool, AccessTokens tokens) {
        this.pool = pool;
        this.tokens = tokens;
    }

    /**
     * A token of {@code actorId} valid for {@code validFor}, for work in {@code clinicId} of {@code purpose} (one of
     * {@link org.clinic.common.tenancy.OnBehalf}'s: the calls it is good for); null if they can no longer act.
     */
    public Uni<String> mint(long actorId, long clinicId, Duration validFor, String purpose) {
        return pool.preparedQuery("select u.id, u.username, u.role, u.first_name, u.last_name, u.is_active,"
                        + " c.id as clinic, c.name as clinic_name, c.is_active as clinic_active"
                        + " from app_user u left join clinic c on c.id = u.clinic_id where u.id = $1")
                .execute(Tuple.of(actorId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row actor = rows.iterator().next();
                    Long actorClinic = actor.getLong("clinic");
                    boolean usable = actor.getBoolean("is_active")
                            && (actorClinic == null || actor.getBoolean("clinic_active"))
                            && (actorClinic == null || actorClinic == clinicId);
                    if (!usable) {
                        return null;
                    }
                    User user = new User();
                    user.id = actor.getLong("id");
                    user.username = actor.getString("username");
                    user.role = actor.getString("role");
                    user.firstName = actor.getString("first_name");
                    user.lastName = actor.getString("last_name");
                    Clinic clinic = null;
                    if (actorClinic != null) {
                        clinic = new Clinic();
                        clinic.id = actorClinic;
                        clinic.name = actor.getString("clinic_name");
                    }
                    return tokens.mintOnBehalf(user, clinic, validFor, purpose);
                });
    }
}
