export default {
  __version: '7.2.1',
  'hydrator-users_0-full-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id) {
    // compiled hydrator for entity UserRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
      if (data.name === null) {
        entity.name = null;
      } else if (typeof data.name !== 'undefined') {
        entity.name = data.name;
      }
      if (data.email === null) {
        entity.email = null;
      } else if (typeof data.email !== 'undefined') {
        entity.email = data.email;
      }
      if (data.status === null) {
        entity.status = null;
      } else if (typeof data.status !== 'undefined') {
        entity.status = data.status;
      }
      if (data.role === null) {
        entity.role = null;
      } else if (typeof data.role !== 'undefined') {
        entity.role = data.role;
      }
      if (data.passwordHash === null) {
        entity.passwordHash = null;
      } else if (typeof data.passwordHash !== 'undefined') {
        entity.passwordHash = data.passwordHash;
      }
      if (data.createdAt === null) {
        entity.createdAt = null;
      } else if (typeof data.createdAt !== 'undefined') {
        if (data.createdAt instanceof Date) {
          entity.createdAt = data.createdAt;
        } else if (typeof data.createdAt === 'number' || data.createdAt.includes('+') || data.createdAt.lastIndexOf('-') > 10 || data.createdAt.endsWith('Z')) {
          entity.createdAt = new Date(data.createdAt);
        } else {
          entity.createdAt = new Date(data.createdAt + 'Z');
        }
      }
      if (data.updatedAt === null) {
        entity.updatedAt = null;
      } else if (typeof data.updatedAt !== 'undefined') {
        if (data.updatedAt instanceof Date) {
          entity.updatedAt = data.updatedAt;
        } else if (typeof data.updatedAt === 'number' || data.updatedAt.includes('+') || data.updatedAt.lastIndexOf('-') > 10 || data.updatedAt.endsWith('Z')) {
          entity.updatedAt = new Date(data.updatedAt);
        } else {
          entity.updatedAt = new Date(data.updatedAt + 'Z');
        }
      }
      if (data.version === null) {
        entity.version = null;
      } else if (typeof data.version !== 'undefined') {
        entity.version = data.version;
      }
    }
  },
  'hydrator-users_0-full-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id) {
    // compiled hydrator for entity UserRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
      if (data.name === null) {
        entity.name = null;
      } else if (typeof data.name !== 'undefined') {
        entity.name = data.name;
      }
      if (data.email === null) {
        entity.email = null;
      } else if (typeof data.email !== 'undefined') {
        entity.email = data.email;
      }
      if (data.status === null) {
        entity.status = null;
      } else if (typeof data.status !== 'undefined') {
        entity.status = data.status;
      }
      if (data.role === null) {
        entity.role = null;
      } else if (typeof data.role !== 'undefined') {
        entity.role = data.role;
      }
      if (data.passwordHash === null) {
        entity.passwordHash = null;
      } else if (typeof data.passwordHash !== 'undefined') {
        entity.passwordHash = data.passwordHash;
      }
      if (data.createdAt === null) {
        entity.createdAt = null;
      } else if (typeof data.createdAt !== 'undefined') {
        if (data.createdAt instanceof Date) {
          entity.createdAt = data.createdAt;
        } else if (typeof data.createdAt === 'number' || data.createdAt.includes('+') || data.createdAt.lastIndexOf('-') > 10 || data.createdAt.endsWith('Z')) {
          entity.createdAt = new Date(data.createdAt);
        } else {
          entity.createdAt = new Date(data.createdAt + 'Z');
        }
      }
      if (data.updatedAt === null) {
        entity.updatedAt = null;
      } else if (typeof data.updatedAt !== 'undefined') {
        if (data.updatedAt instanceof Date) {
          entity.updatedAt = data.updatedAt;
        } else if (typeof data.updatedAt === 'number' || data.updatedAt.includes('+') || data.updatedAt.lastIndexOf('-') > 10 || data.updatedAt.endsWith('Z')) {
          entity.updatedAt = new Date(data.updatedAt);
        } else {
          entity.updatedAt = new Date(data.updatedAt + 'Z');
        }
      }
      if (data.version === null) {
        entity.version = null;
      } else if (typeof data.version !== 'undefined') {
        entity.version = data.version;
      }
    }
  },
  'comparator-users_0': function(compareArrays, compareBooleans, compareBuffers, compareObjects, equals) {
    // compiled comparator for entity UserRow
    return function(last, current, options) {
      const diff = {};
      if (current.id === null && last.id === undefined) {
        diff.id = current.id;
      } else if (current.id == null && last.id == null) {
    
      } else if ((current.id != null && last.id == null) || (current.id == null && last.id != null)) {
        diff.id = current.id;
      } else if (last.id !== current.id) {
        diff.id = current.id;
      }
    
      if (current.name === null && last.name === undefined) {
        diff.name = current.name;
      } else if (current.name == null && last.name == null) {
    
      } else if ((current.name != null && last.name == null) || (current.name == null && last.name != null)) {
        diff.name = current.name;
      } else if (last.name !== current.name) {
        diff.name = current.name;
      }
    
      if (current.email === null && last.email === undefined) {
        diff.email = current.email;
      } else if (current.email == null && last.email == null) {
    
      } else if ((current.email != null && last.email == null) || (current.email == null && last.email != null)) {
        diff.email = current.email;
      } else if (last.email !== current.email) {
        diff.email = current.email;
      }
    
      if (current.status === null && last.status === undefined) {
        diff.status = current.status;
      } else if (current.status == null && last.status == null) {
    
      } else if ((current.status != null && last.status == null) || (current.status == null && last.status != null)) {
        diff.status = current.status;
      } else if (last.status !== current.status) {
        diff.status = current.status;
      }
    
      if (current.role === null && last.role === undefined) {
        diff.role = current.role;
      } else if (current.role == null && last.role == null) {
    
      } else if ((current.role != null && last.role == null) || (current.role == null && last.role != null)) {
        diff.role = current.role;
      } else if (last.role !== current.role) {
        diff.role = current.role;
      }
    
      if (current.passwordHash === null && last.passwordHash === undefined) {
        diff.passwordHash = current.passwordHash;
      } else if (current.passwordHash == null && last.passwordHash == null) {
    
      } else if ((current.passwordHash != null && last.passwordHash == null) || (current.passwordHash == null && last.passwordHash != null)) {
        diff.passwordHash = current.passwordHash;
      } else if (!equals(last.passwordHash, current.passwordHash)) {
        diff.passwordHash = current.passwordHash;
      }
    
      if (current.createdAt === null && last.createdAt === undefined) {
        diff.createdAt = current.createdAt;
      } else if (current.createdAt == null && last.createdAt == null) {
    
      } else if ((current.createdAt != null && last.createdAt == null) || (current.createdAt == null && last.createdAt != null)) {
        diff.createdAt = current.createdAt;
      } else if (last.createdAt.valueOf() !== current.createdAt.valueOf()) {
        diff.createdAt = current.createdAt;
      }
    
      if (current.updatedAt === null && last.updatedAt === undefined) {
        diff.updatedAt = current.updatedAt;
      } else if (current.updatedAt == null && last.updatedAt == null) {
    
      } else if ((current.updatedAt != null && last.updatedAt == null) || (current.updatedAt == null && last.updatedAt != null)) {
        diff.updatedAt = current.updatedAt;
      } else if (last.updatedAt.valueOf() !== current.updatedAt.valueOf()) {
        diff.updatedAt = current.updatedAt;
      }
    
      if (current.version === null && last.version === undefined) {
        diff.version = current.version;
      } else if (current.version == null && last.version == null) {
    
      } else if ((current.version != null && last.version == null) || (current.version == null && last.version != null)) {
        diff.version = current.version;
      } else if (!equals(last.version, current.version)) {
        diff.version = current.version;
      }
    
    if (options?.includeInverseSides) {
    }
      return diff;
    }
  },
  'snapshotGenerator-users_0': function(clone, cloneEmbeddable, convertToDatabaseValue_id, processDateProperty) {
    return function(entity) {
      const ret = {};
      if (typeof entity.id !== 'undefined') {
        ret.id = convertToDatabaseValue_id(entity.id);
      }
    
      if (typeof entity.name !== 'undefined') {
        ret.name = entity.name;
      }
    
      if (typeof entity.email !== 'undefined') {
        ret.email = entity.email;
      }
    
      if (typeof entity.status !== 'undefined') {
        ret.status = entity.status;
      }
    
      if (typeof entity.role !== 'undefined') {
        ret.role = entity.role;
      }
    
      if (typeof entity.passwordHash !== 'undefined') {
        ret.passwordHash = clone(entity.passwordHash);
      }
    
      if (typeof entity.createdAt !== 'undefined') {
        ret.createdAt = clone(processDateProperty(entity.createdAt));
      }
    
      if (typeof entity.updatedAt !== 'undefined') {
        ret.updatedAt = clone(processDateProperty(entity.updatedAt));
      }
    
      if (typeof entity.version !== 'undefined') {
        ret.version = clone(entity.version);
      }
    
      return ret;
    }
  },
  'resultMapper-users_0': function(PolymorphicRef, parseDate) {
    // compiled mapper for entity UserRow
    return function(result) {
      const ret = {};
      const mapped = {};
      if (typeof result.id !== 'undefined') {
        ret.id = result.id;
        mapped.id = true;
      }
      if (typeof result.name !== 'undefined') {
        ret.name = result.name;
        mapped.name = true;
      }
      if (typeof result.email !== 'undefined') {
        ret.email = result.email;
        mapped.email = true;
      }
      if (typeof result.status !== 'undefined') {
        ret.status = result.status;
        mapped.status = true;
      }
      if (typeof result.role !== 'undefined') {
        ret.role = result.role;
        mapped.role = true;
      }
      if (typeof result.password_hash !== 'undefined') {
        ret.passwordHash = result.password_hash;
        mapped.password_hash = true;
      }
      if (typeof result.created_at !== 'undefined') {
        if (result.created_at == null || result.created_at instanceof Date) {
          ret.createdAt = result.created_at;
        } else if (typeof result.created_at === 'bigint') {
          ret.createdAt = parseDate(Number(result.created_at));
        } else if (typeof result.created_at === 'number' || result.created_at.includes('+') || result.created_at.lastIndexOf('-') > 10 || result.created_at.endsWith('Z')) {
          ret.createdAt = parseDate(result.created_at);
        } else {
          ret.createdAt = parseDate(result.created_at + 'Z');
        }
        mapped.created_at = true;
      }
      if (typeof result.updated_at !== 'undefined') {
        if (result.updated_at == null || result.updated_at instanceof Date) {
          ret.updatedAt = result.updated_at;
        } else if (typeof result.updated_at === 'bigint') {
          ret.updatedAt = parseDate(Number(result.updated_at));
        } else if (typeof result.updated_at === 'number' || result.updated_at.includes('+') || result.updated_at.lastIndexOf('-') > 10 || result.updated_at.endsWith('Z')) {
          ret.updatedAt = parseDate(result.updated_at);
        } else {
          ret.updatedAt = parseDate(result.updated_at + 'Z');
        }
        mapped.updated_at = true;
      }
      if (typeof result.version !== 'undefined') {
        ret.version = result.version;
        mapped.version = true;
      }
      for (let k in result) { if (Object.hasOwn(result, k) && !mapped[k] && ret[k] === undefined) ret[k] = result[k]; }
      return ret;
    }
  },
  'hydrator-users_0-reference-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id) {
    // compiled hydrator for entity UserRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
    }
  },
  'hydrator-users_0-reference-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id) {
    // compiled hydrator for entity UserRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
    }
  },
  'pkGetter-users_0': function(isEntityOrRef) {
    // compiled pk getter for entity UserRow
    return function(entity) {
      return entity.id;
    }
  },
  'pkGetterConverted-users_0': function(isEntityOrRef, convertToDatabaseValue_id) {
    // compiled pk getter (with converted custom types) for entity UserRow
    return function(entity) {
      return convertToDatabaseValue_id(entity.id);
    }
  },
  'pkSerializer-users_0': function(isEntityOrRef, getCompositeKeyValue, getPrimaryKeyHash, convertToDatabaseValue_id) {
    // compiled pk serializer for entity UserRow
    return function(entity) {
      const val_0 = convertToDatabaseValue_id(entity.id);
      return getPrimaryKeyHash(val_0);
    }
  },
  'hydrator-row_counts_5000-full-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_n, convertToDatabaseValue_n) {
    // compiled hydrator for entity RowCount ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.key === null) {
        entity.key = null;
      } else if (typeof data.key !== 'undefined') {
        entity.key = data.key;
      }
      if (data.shard === null) {
        entity.shard = null;
      } else if (typeof data.shard !== 'undefined') {
        entity.shard = data.shard;
      }
      if (data.n === null) {
        entity.n = null;
      } else if (typeof data.n !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_n(data.n);
          data.n = convertToDatabaseValue_n(value);
          entity.n = value;
        } else {
          entity.n = data.n;
        }
      }
    }
  },
  'hydrator-row_counts_5000-full-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_n, convertToDatabaseValue_n) {
    // compiled hydrator for entity RowCount ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.key === null) {
        entity.key = null;
      } else if (typeof data.key !== 'undefined') {
        entity.key = data.key;
      }
      if (data.shard === null) {
        entity.shard = null;
      } else if (typeof data.shard !== 'undefined') {
        entity.shard = data.shard;
      }
      if (data.n === null) {
        entity.n = null;
      } else if (typeof data.n !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_n(data.n);
          data.n = convertToDatabaseValue_n(value);
          entity.n = value;
        } else {
          entity.n = data.n;
        }
      }
    }
  },
  'comparator-row_counts_5000': function(compareArrays, compareBooleans, compareBuffers, compareObjects, equals, compareValues_1) {
    // compiled comparator for entity RowCount
    return function(last, current, options) {
      const diff = {};
      if (current.key === null && last.key === undefined) {
        diff.key = current.key;
      } else if (current.key == null && last.key == null) {
    
      } else if ((current.key != null && last.key == null) || (current.key == null && last.key != null)) {
        diff.key = current.key;
      } else if (!equals(last.key, current.key)) {
        diff.key = current.key;
      }
    
      if (current.shard === null && last.shard === undefined) {
        diff.shard = current.shard;
      } else if (current.shard == null && last.shard == null) {
    
      } else if ((current.shard != null && last.shard == null) || (current.shard == null && last.shard != null)) {
        diff.shard = current.shard;
      } else if (!equals(last.shard, current.shard)) {
        diff.shard = current.shard;
      }
    
      if (current.n === null && last.n === undefined) {
        diff.n = current.n;
      } else if (current.n == null && last.n == null) {
    
      } else if ((current.n != null && last.n == null) || (current.n == null && last.n != null)) {
        diff.n = current.n;
      } else if (!compareValues_1(last.n, current.n)) {
        diff.n = current.n;
      }
    
    if (options?.includeInverseSides) {
    }
      return diff;
    }
  },
  'snapshotGenerator-row_counts_5000': function(clone, cloneEmbeddable, convertToDatabaseValue_n) {
    return function(entity) {
      const ret = {};
      if (typeof entity.key !== 'undefined') {
        ret.key = clone(entity.key);
      }
    
      if (typeof entity.shard !== 'undefined') {
        ret.shard = clone(entity.shard);
      }
    
      if (typeof entity.n !== 'undefined') {
        ret.n = convertToDatabaseValue_n(entity.n);
      }
    
      return ret;
    }
  },
  'resultMapper-row_counts_5000': function(PolymorphicRef) {
    // compiled mapper for entity RowCount
    return function(result) {
      const ret = {};
      const mapped = {};
      if (typeof result.key !== 'undefined') {
        ret.key = result.key;
        mapped.key = true;
      }
      if (typeof result.shard !== 'undefined') {
        ret.shard = result.shard;
        mapped.shard = true;
      }
      if (typeof result.n !== 'undefined') {
        ret.n = result.n;
        mapped.n = true;
      }
      for (let k in result) { if (Object.hasOwn(result, k) && !mapped[k] && ret[k] === undefined) ret[k] = result[k]; }
      return ret;
    }
  },
  'hydrator-row_counts_5000-reference-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError) {
    // compiled hydrator for entity RowCount ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.key === null) {
        entity.key = null;
      } else if (typeof data.key !== 'undefined') {
        entity.key = data.key;
      }
      if (data.shard === null) {
        entity.shard = null;
      } else if (typeof data.shard !== 'undefined') {
        entity.shard = data.shard;
      }
    }
  },
  'hydrator-row_counts_5000-reference-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError) {
    // compiled hydrator for entity RowCount ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.key === null) {
        entity.key = null;
      } else if (typeof data.key !== 'undefined') {
        entity.key = data.key;
      }
      if (data.shard === null) {
        entity.shard = null;
      } else if (typeof data.shard !== 'undefined') {
        entity.shard = data.shard;
      }
    }
  },
  'pkGetter-row_counts_5000': function(isEntityOrRef) {
    // compiled pk getter for entity RowCount
    return function(entity) {
      const cond = {
        key: entity.key,
        shard: entity.shard,
      };
      if (cond.key == null || cond.shard == null) return null;
      return cond;
    }
  },
  'pkGetterConverted-row_counts_5000': function(isEntityOrRef) {
    // compiled pk getter (with converted custom types) for entity RowCount
    return function(entity) {
      const cond = {
        key: entity.key,
        shard: entity.shard,
      };
      if (cond.key == null || cond.shard == null) return null;
      return cond;
    }
  },
  'pkSerializer-row_counts_5000': function(isEntityOrRef, getCompositeKeyValue, getPrimaryKeyHash) {
    // compiled pk serializer for entity RowCount
    return function(entity) {
      const pks = entity.__helper.__pk ? getCompositeKeyValue(entity.__helper.__pk) : [
        entity.key,
        entity.shard,
      ];
      return pks.join('~~~');
    }
  },
  'hydrator-refresh_tokens_1000-full-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id, convertToJSValue_sessionId, convertToDatabaseValue_sessionId, users_32, users_33) {
    // compiled hydrator for entity RefreshTokenRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
      if (data.sessionId === null) {
        entity.sessionId = null;
      } else if (typeof data.sessionId !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_sessionId(data.sessionId);
          entity.sessionId = value;
        } else {
          entity.sessionId = data.sessionId;
        }
      }
      if (data.user === null) {
        entity.user = null;
      } else if (typeof data.user !== 'undefined') {
        if (isPrimaryKey(data.user, true)) {
          entity.user = factory.createReference(users_32, data.user, { merge: true, convertCustomTypes, normalizeAccessors, schema });
        } else if (data.user && typeof data.user === 'object') {
          entity.user = factory.create(users_33, data.user, { initialized: true, merge: true, newEntity, convertCustomTypes, normalizeAccessors, schema });
        }
      }
      if (data.tokenHash === null) {
        entity.tokenHash = null;
      } else if (typeof data.tokenHash !== 'undefined') {
        entity.tokenHash = data.tokenHash;
      }
      if (data.createdAt === null) {
        entity.createdAt = null;
      } else if (typeof data.createdAt !== 'undefined') {
        if (data.createdAt instanceof Date) {
          entity.createdAt = data.createdAt;
        } else if (typeof data.createdAt === 'number' || data.createdAt.includes('+') || data.createdAt.lastIndexOf('-') > 10 || data.createdAt.endsWith('Z')) {
          entity.createdAt = new Date(data.createdAt);
        } else {
          entity.createdAt = new Date(data.createdAt + 'Z');
        }
      }
      if (data.expiresAt === null) {
        entity.expiresAt = null;
      } else if (typeof data.expiresAt !== 'undefined') {
        if (data.expiresAt instanceof Date) {
          entity.expiresAt = data.expiresAt;
        } else if (typeof data.expiresAt === 'number' || data.expiresAt.includes('+') || data.expiresAt.lastIndexOf('-') > 10 || data.expiresAt.endsWith('Z')) {
          entity.expiresAt = new Date(data.expiresAt);
        } else {
          entity.expiresAt = new Date(data.expiresAt + 'Z');
        }
      }
      if (data.usedAt === null) {
        entity.usedAt = null;
      } else if (typeof data.usedAt !== 'undefined') {
        if (data.usedAt instanceof Date) {
          entity.usedAt = data.usedAt;
        } else if (typeof data.usedAt === 'number' || data.usedAt.includes('+') || data.usedAt.lastIndexOf('-') > 10 || data.usedAt.endsWith('Z')) {
          entity.usedAt = new Date(data.usedAt);
        } else {
          entity.usedAt = new Date(data.usedAt + 'Z');
        }
      }
      if (data.revokedAt === null) {
        entity.revokedAt = null;
      } else if (typeof data.revokedAt !== 'undefined') {
        if (data.revokedAt instanceof Date) {
          entity.revokedAt = data.revokedAt;
        } else if (typeof data.revokedAt === 'number' || data.revokedAt.includes('+') || data.revokedAt.lastIndexOf('-') > 10 || data.revokedAt.endsWith('Z')) {
          entity.revokedAt = new Date(data.revokedAt);
        } else {
          entity.revokedAt = new Date(data.revokedAt + 'Z');
        }
      }
    }
  },
  'hydrator-refresh_tokens_1000-full-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id, convertToJSValue_sessionId, convertToDatabaseValue_sessionId, users_41, users_42) {
    // compiled hydrator for entity RefreshTokenRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
      if (data.sessionId === null) {
        entity.sessionId = null;
      } else if (typeof data.sessionId !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_sessionId(data.sessionId);
          entity.sessionId = value;
        } else {
          entity.sessionId = data.sessionId;
        }
      }
      if (data.user === null) {
        entity.user = null;
      } else if (typeof data.user !== 'undefined') {
        if (isPrimaryKey(data.user, true)) {
          entity.user = factory.createReference(users_41, data.user, { merge: true, convertCustomTypes, normalizeAccessors, schema });
        } else if (data.user && typeof data.user === 'object') {
          entity.user = factory.create(users_42, data.user, { initialized: true, merge: true, newEntity, convertCustomTypes, normalizeAccessors, schema });
        }
      }
      if (data.tokenHash === null) {
        entity.tokenHash = null;
      } else if (typeof data.tokenHash !== 'undefined') {
        entity.tokenHash = data.tokenHash;
      }
      if (data.createdAt === null) {
        entity.createdAt = null;
      } else if (typeof data.createdAt !== 'undefined') {
        if (data.createdAt instanceof Date) {
          entity.createdAt = data.createdAt;
        } else if (typeof data.createdAt === 'number' || data.createdAt.includes('+') || data.createdAt.lastIndexOf('-') > 10 || data.createdAt.endsWith('Z')) {
          entity.createdAt = new Date(data.createdAt);
        } else {
          entity.createdAt = new Date(data.createdAt + 'Z');
        }
      }
      if (data.expiresAt === null) {
        entity.expiresAt = null;
      } else if (typeof data.expiresAt !== 'undefined') {
        if (data.expiresAt instanceof Date) {
          entity.expiresAt = data.expiresAt;
        } else if (typeof data.expiresAt === 'number' || data.expiresAt.includes('+') || data.expiresAt.lastIndexOf('-') > 10 || data.expiresAt.endsWith('Z')) {
          entity.expiresAt = new Date(data.expiresAt);
        } else {
          entity.expiresAt = new Date(data.expiresAt + 'Z');
        }
      }
      if (data.usedAt === null) {
        entity.usedAt = null;
      } else if (typeof data.usedAt !== 'undefined') {
        if (data.usedAt instanceof Date) {
          entity.usedAt = data.usedAt;
        } else if (typeof data.usedAt === 'number' || data.usedAt.includes('+') || data.usedAt.lastIndexOf('-') > 10 || data.usedAt.endsWith('Z')) {
          entity.usedAt = new Date(data.usedAt);
        } else {
          entity.usedAt = new Date(data.usedAt + 'Z');
        }
      }
      if (data.revokedAt === null) {
        entity.revokedAt = null;
      } else if (typeof data.revokedAt !== 'undefined') {
        if (data.revokedAt instanceof Date) {
          entity.revokedAt = data.revokedAt;
        } else if (typeof data.revokedAt === 'number' || data.revokedAt.includes('+') || data.revokedAt.lastIndexOf('-') > 10 || data.revokedAt.endsWith('Z')) {
          entity.revokedAt = new Date(data.revokedAt);
        } else {
          entity.revokedAt = new Date(data.revokedAt + 'Z');
        }
      }
    }
  },
  'comparator-refresh_tokens_1000': function(compareArrays, compareBooleans, compareBuffers, compareObjects, equals) {
    // compiled comparator for entity RefreshTokenRow
    return function(last, current, options) {
      const diff = {};
      if (current.id === null && last.id === undefined) {
        diff.id = current.id;
      } else if (current.id == null && last.id == null) {
    
      } else if ((current.id != null && last.id == null) || (current.id == null && last.id != null)) {
        diff.id = current.id;
      } else if (last.id !== current.id) {
        diff.id = current.id;
      }
    
      if (current.sessionId === null && last.sessionId === undefined) {
        diff.sessionId = current.sessionId;
      } else if (current.sessionId == null && last.sessionId == null) {
    
      } else if ((current.sessionId != null && last.sessionId == null) || (current.sessionId == null && last.sessionId != null)) {
        diff.sessionId = current.sessionId;
      } else if (last.sessionId !== current.sessionId) {
        diff.sessionId = current.sessionId;
      }
    
      if (current.user === null && last.user === undefined) {
        diff.user = current.user;
      } else if (current.user == null && last.user == null) {
    
      } else if ((current.user != null && last.user == null) || (current.user == null && last.user != null)) {
        diff.user = current.user;
      } else if (last.user !== current.user) {
        diff.user = current.user;
      }
    
      if (current.tokenHash === null && last.tokenHash === undefined) {
        diff.tokenHash = current.tokenHash;
      } else if (current.tokenHash == null && last.tokenHash == null) {
    
      } else if ((current.tokenHash != null && last.tokenHash == null) || (current.tokenHash == null && last.tokenHash != null)) {
        diff.tokenHash = current.tokenHash;
      } else if (!equals(last.tokenHash, current.tokenHash)) {
        diff.tokenHash = current.tokenHash;
      }
    
      if (current.createdAt === null && last.createdAt === undefined) {
        diff.createdAt = current.createdAt;
      } else if (current.createdAt == null && last.createdAt == null) {
    
      } else if ((current.createdAt != null && last.createdAt == null) || (current.createdAt == null && last.createdAt != null)) {
        diff.createdAt = current.createdAt;
      } else if (last.createdAt.valueOf() !== current.createdAt.valueOf()) {
        diff.createdAt = current.createdAt;
      }
    
      if (current.expiresAt === null && last.expiresAt === undefined) {
        diff.expiresAt = current.expiresAt;
      } else if (current.expiresAt == null && last.expiresAt == null) {
    
      } else if ((current.expiresAt != null && last.expiresAt == null) || (current.expiresAt == null && last.expiresAt != null)) {
        diff.expiresAt = current.expiresAt;
      } else if (last.expiresAt.valueOf() !== current.expiresAt.valueOf()) {
        diff.expiresAt = current.expiresAt;
      }
    
      if (current.usedAt === null && last.usedAt === undefined) {
        diff.usedAt = current.usedAt;
      } else if (current.usedAt == null && last.usedAt == null) {
    
      } else if ((current.usedAt != null && last.usedAt == null) || (current.usedAt == null && last.usedAt != null)) {
        diff.usedAt = current.usedAt;
      } else if (last.usedAt.valueOf() !== current.usedAt.valueOf()) {
        diff.usedAt = current.usedAt;
      }
    
      if (current.revokedAt === null && last.revokedAt === undefined) {
        diff.revokedAt = current.revokedAt;
      } else if (current.revokedAt == null && last.revokedAt == null) {
    
      } else if ((current.revokedAt != null && last.revokedAt == null) || (current.revokedAt == null && last.revokedAt != null)) {
        diff.revokedAt = current.revokedAt;
      } else if (last.revokedAt.valueOf() !== current.revokedAt.valueOf()) {
        diff.revokedAt = current.revokedAt;
      }
    
    if (options?.includeInverseSides) {
    }
      return diff;
    }
  },
  'snapshotGenerator-refresh_tokens_1000': function(clone, cloneEmbeddable, convertToDatabaseValue_id, convertToDatabaseValue_sessionId, toArray, EntityIdentifier, processDateProperty) {
    return function(entity) {
      const ret = {};
      if (typeof entity.id !== 'undefined') {
        ret.id = convertToDatabaseValue_id(entity.id);
      }
    
      if (typeof entity.sessionId !== 'undefined') {
        ret.sessionId = convertToDatabaseValue_sessionId(entity.sessionId);
      }
    
      if (typeof entity.user !== 'undefined') {
        if (entity.user === null) {
          ret.user = null;
        } else if (entity.user?.__helper.__identifier && !entity.user.__helper.hasPrimaryKey()) {
          ret.user = entity.user?.__helper.__identifier;
        } else if (typeof entity.user !== 'undefined') {
          ret.user = toArray(entity.user.__helper.getPrimaryKey(true));
        }
      }
    
      if (typeof entity.tokenHash !== 'undefined') {
        ret.tokenHash = clone(entity.tokenHash);
      }
    
      if (typeof entity.createdAt !== 'undefined') {
        ret.createdAt = clone(processDateProperty(entity.createdAt));
      }
    
      if (typeof entity.expiresAt !== 'undefined') {
        ret.expiresAt = clone(processDateProperty(entity.expiresAt));
      }
    
      if (typeof entity.usedAt !== 'undefined') {
        ret.usedAt = clone(processDateProperty(entity.usedAt));
      }
    
      if (typeof entity.revokedAt !== 'undefined') {
        ret.revokedAt = clone(processDateProperty(entity.revokedAt));
      }
    
      return ret;
    }
  },
  'resultMapper-refresh_tokens_1000': function(PolymorphicRef, parseDate) {
    // compiled mapper for entity RefreshTokenRow
    return function(result) {
      const ret = {};
      const mapped = {};
      if (typeof result.id !== 'undefined') {
        ret.id = result.id;
        mapped.id = true;
      }
      if (typeof result.session_id !== 'undefined') {
        ret.sessionId = result.session_id;
        mapped.session_id = true;
      }
      if (typeof result.user_id !== 'undefined') {
        ret.user = result.user_id;
        mapped.user_id = true;
      }
      if (typeof result.token_hash !== 'undefined') {
        ret.tokenHash = result.token_hash;
        mapped.token_hash = true;
      }
      if (typeof result.created_at !== 'undefined') {
        if (result.created_at == null || result.created_at instanceof Date) {
          ret.createdAt = result.created_at;
        } else if (typeof result.created_at === 'bigint') {
          ret.createdAt = parseDate(Number(result.created_at));
        } else if (typeof result.created_at === 'number' || result.created_at.includes('+') || result.created_at.lastIndexOf('-') > 10 || result.created_at.endsWith('Z')) {
          ret.createdAt = parseDate(result.created_at);
        } else {
          ret.createdAt = parseDate(result.created_at + 'Z');
        }
        mapped.created_at = true;
      }
      if (typeof result.expires_at !== 'undefined') {
        if (result.expires_at == null || result.expires_at instanceof Date) {
          ret.expiresAt = result.expires_at;
        } else if (typeof result.expires_at === 'bigint') {
          ret.expiresAt = parseDate(Number(result.expires_at));
        } else if (typeof result.expires_at === 'number' || result.expires_at.includes('+') || result.expires_at.lastIndexOf('-') > 10 || result.expires_at.endsWith('Z')) {
          ret.expiresAt = parseDate(result.expires_at);
        } else {
          ret.expiresAt = parseDate(result.expires_at + 'Z');
        }
        mapped.expires_at = true;
      }
      if (typeof result.used_at !== 'undefined') {
        if (result.used_at == null || result.used_at instanceof Date) {
          ret.usedAt = result.used_at;
        } else if (typeof result.used_at === 'bigint') {
          ret.usedAt = parseDate(Number(result.used_at));
        } else if (typeof result.used_at === 'number' || result.used_at.includes('+') || result.used_at.lastIndexOf('-') > 10 || result.used_at.endsWith('Z')) {
          ret.usedAt = parseDate(result.used_at);
        } else {
          ret.usedAt = parseDate(result.used_at + 'Z');
        }
        mapped.used_at = true;
      }
      if (typeof result.revoked_at !== 'undefined') {
        if (result.revoked_at == null || result.revoked_at instanceof Date) {
          ret.revokedAt = result.revoked_at;
        } else if (typeof result.revoked_at === 'bigint') {
          ret.revokedAt = parseDate(Number(result.revoked_at));
        } else if (typeof result.revoked_at === 'number' || result.revoked_at.includes('+') || result.revoked_at.lastIndexOf('-') > 10 || result.revoked_at.endsWith('Z')) {
          ret.revokedAt = parseDate(result.revoked_at);
        } else {
          ret.revokedAt = parseDate(result.revoked_at + 'Z');
        }
        mapped.revoked_at = true;
      }
      for (let k in result) { if (Object.hasOwn(result, k) && !mapped[k] && ret[k] === undefined) ret[k] = result[k]; }
      return ret;
    }
  },
  'hydrator-refresh_tokens_1000-reference-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id) {
    // compiled hydrator for entity RefreshTokenRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
    }
  },
  'hydrator-refresh_tokens_1000-reference-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id) {
    // compiled hydrator for entity RefreshTokenRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
    }
  },
  'pkGetter-refresh_tokens_1000': function(isEntityOrRef) {
    // compiled pk getter for entity RefreshTokenRow
    return function(entity) {
      return entity.id;
    }
  },
  'pkGetterConverted-refresh_tokens_1000': function(isEntityOrRef, convertToDatabaseValue_id) {
    // compiled pk getter (with converted custom types) for entity RefreshTokenRow
    return function(entity) {
      return convertToDatabaseValue_id(entity.id);
    }
  },
  'pkSerializer-refresh_tokens_1000': function(isEntityOrRef, getCompositeKeyValue, getPrimaryKeyHash, convertToDatabaseValue_id) {
    // compiled pk serializer for entity RefreshTokenRow
    return function(entity) {
      const val_2 = convertToDatabaseValue_id(entity.id);
      return getPrimaryKeyHash(val_2);
    }
  },
  'hydrator-processed_events_3000-full-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_eventId, convertToDatabaseValue_eventId) {
    // compiled hydrator for entity ProcessedEvent ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.consumer === null) {
        entity.consumer = null;
      } else if (typeof data.consumer !== 'undefined') {
        entity.consumer = data.consumer;
      }
      if (data.eventId === null) {
        entity.eventId = null;
      } else if (typeof data.eventId !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_eventId(data.eventId);
          entity.eventId = value;
        } else {
          entity.eventId = data.eventId;
        }
      }
      if (data.processedAt === null) {
        entity.processedAt = null;
      } else if (typeof data.processedAt !== 'undefined') {
        if (data.processedAt instanceof Date) {
          entity.processedAt = data.processedAt;
        } else if (typeof data.processedAt === 'number' || data.processedAt.includes('+') || data.processedAt.lastIndexOf('-') > 10 || data.processedAt.endsWith('Z')) {
          entity.processedAt = new Date(data.processedAt);
        } else {
          entity.processedAt = new Date(data.processedAt + 'Z');
        }
      }
    }
  },
  'hydrator-processed_events_3000-full-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_eventId, convertToDatabaseValue_eventId) {
    // compiled hydrator for entity ProcessedEvent ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.consumer === null) {
        entity.consumer = null;
      } else if (typeof data.consumer !== 'undefined') {
        entity.consumer = data.consumer;
      }
      if (data.eventId === null) {
        entity.eventId = null;
      } else if (typeof data.eventId !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_eventId(data.eventId);
          entity.eventId = value;
        } else {
          entity.eventId = data.eventId;
        }
      }
      if (data.processedAt === null) {
        entity.processedAt = null;
      } else if (typeof data.processedAt !== 'undefined') {
        if (data.processedAt instanceof Date) {
          entity.processedAt = data.processedAt;
        } else if (typeof data.processedAt === 'number' || data.processedAt.includes('+') || data.processedAt.lastIndexOf('-') > 10 || data.processedAt.endsWith('Z')) {
          entity.processedAt = new Date(data.processedAt);
        } else {
          entity.processedAt = new Date(data.processedAt + 'Z');
        }
      }
    }
  },
  'comparator-processed_events_3000': function(compareArrays, compareBooleans, compareBuffers, compareObjects, equals) {
    // compiled comparator for entity ProcessedEvent
    return function(last, current, options) {
      const diff = {};
      if (current.consumer === null && last.consumer === undefined) {
        diff.consumer = current.consumer;
      } else if (current.consumer == null && last.consumer == null) {
    
      } else if ((current.consumer != null && last.consumer == null) || (current.consumer == null && last.consumer != null)) {
        diff.consumer = current.consumer;
      } else if (!equals(last.consumer, current.consumer)) {
        diff.consumer = current.consumer;
      }
    
      if (current.eventId === null && last.eventId === undefined) {
        diff.eventId = current.eventId;
      } else if (current.eventId == null && last.eventId == null) {
    
      } else if ((current.eventId != null && last.eventId == null) || (current.eventId == null && last.eventId != null)) {
        diff.eventId = current.eventId;
      } else if (last.eventId !== current.eventId) {
        diff.eventId = current.eventId;
      }
    
      if (current.processedAt === null && last.processedAt === undefined) {
        diff.processedAt = current.processedAt;
      } else if (current.processedAt == null && last.processedAt == null) {
    
      } else if ((current.processedAt != null && last.processedAt == null) || (current.processedAt == null && last.processedAt != null)) {
        diff.processedAt = current.processedAt;
      } else if (last.processedAt.valueOf() !== current.processedAt.valueOf()) {
        diff.processedAt = current.processedAt;
      }
    
    if (options?.includeInverseSides) {
    }
      return diff;
    }
  },
  'snapshotGenerator-processed_events_3000': function(clone, cloneEmbeddable, convertToDatabaseValue_eventId, processDateProperty) {
    return function(entity) {
      const ret = {};
      if (typeof entity.consumer !== 'undefined') {
        ret.consumer = clone(entity.consumer);
      }
    
      if (typeof entity.eventId !== 'undefined') {
        ret.eventId = convertToDatabaseValue_eventId(entity.eventId);
      }
    
      if (typeof entity.processedAt !== 'undefined') {
        ret.processedAt = clone(processDateProperty(entity.processedAt));
      }
    
      return ret;
    }
  },
  'resultMapper-processed_events_3000': function(PolymorphicRef, parseDate) {
    // compiled mapper for entity ProcessedEvent
    return function(result) {
      const ret = {};
      const mapped = {};
      if (typeof result.consumer !== 'undefined') {
        ret.consumer = result.consumer;
        mapped.consumer = true;
      }
      if (typeof result.event_id !== 'undefined') {
        ret.eventId = result.event_id;
        mapped.event_id = true;
      }
      if (typeof result.processed_at !== 'undefined') {
        if (result.processed_at == null || result.processed_at instanceof Date) {
          ret.processedAt = result.processed_at;
        } else if (typeof result.processed_at === 'bigint') {
          ret.processedAt = parseDate(Number(result.processed_at));
        } else if (typeof result.processed_at === 'number' || result.processed_at.includes('+') || result.processed_at.lastIndexOf('-') > 10 || result.processed_at.endsWith('Z')) {
          ret.processedAt = parseDate(result.processed_at);
        } else {
          ret.processedAt = parseDate(result.processed_at + 'Z');
        }
        mapped.processed_at = true;
      }
      for (let k in result) { if (Object.hasOwn(result, k) && !mapped[k] && ret[k] === undefined) ret[k] = result[k]; }
      return ret;
    }
  },
  'hydrator-processed_events_3000-reference-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_eventId, convertToDatabaseValue_eventId) {
    // compiled hydrator for entity ProcessedEvent ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.consumer === null) {
        entity.consumer = null;
      } else if (typeof data.consumer !== 'undefined') {
        entity.consumer = data.consumer;
      }
      if (data.eventId === null) {
        entity.eventId = null;
      } else if (typeof data.eventId !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_eventId(data.eventId);
          entity.eventId = value;
        } else {
          entity.eventId = data.eventId;
        }
      }
    }
  },
  'hydrator-processed_events_3000-reference-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_eventId, convertToDatabaseValue_eventId) {
    // compiled hydrator for entity ProcessedEvent ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.consumer === null) {
        entity.consumer = null;
      } else if (typeof data.consumer !== 'undefined') {
        entity.consumer = data.consumer;
      }
      if (data.eventId === null) {
        entity.eventId = null;
      } else if (typeof data.eventId !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_eventId(data.eventId);
          entity.eventId = value;
        } else {
          entity.eventId = data.eventId;
        }
      }
    }
  },
  'pkGetter-processed_events_3000': function(isEntityOrRef) {
    // compiled pk getter for entity ProcessedEvent
    return function(entity) {
      const cond = {
        consumer: entity.consumer,
        eventId: entity.eventId,
      };
      if (cond.consumer == null || cond.eventId == null) return null;
      return cond;
    }
  },
  'pkGetterConverted-processed_events_3000': function(isEntityOrRef, convertToDatabaseValue_eventId) {
    // compiled pk getter (with converted custom types) for entity ProcessedEvent
    return function(entity) {
      const cond = {
        consumer: entity.consumer,
        eventId: convertToDatabaseValue_eventId(entity.eventId),
      };
      if (cond.consumer == null || cond.eventId == null) return null;
      return cond;
    }
  },
  'pkSerializer-processed_events_3000': function(isEntityOrRef, getCompositeKeyValue, getPrimaryKeyHash, convertToDatabaseValue_eventId) {
    // compiled pk serializer for entity ProcessedEvent
    return function(entity) {
      const pks = entity.__helper.__pk ? getCompositeKeyValue(entity.__helper.__pk) : [
        entity.consumer,
        convertToDatabaseValue_eventId(entity.eventId),
      ];
      return pks.join('~~~');
    }
  },
  'hydrator-posts_6000-full-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id, users_61, users_62) {
    // compiled hydrator for entity PostRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
      if (data.author === null) {
        entity.author = null;
      } else if (typeof data.author !== 'undefined') {
        if (isPrimaryKey(data.author, true)) {
          entity.author = factory.createReference(users_61, data.author, { merge: true, convertCustomTypes, normalizeAccessors, schema });
        } else if (data.author && typeof data.author === 'object') {
          entity.author = factory.create(users_62, data.author, { initialized: true, merge: true, newEntity, convertCustomTypes, normalizeAccessors, schema });
        }
      }
      if (data.title === null) {
        entity.title = null;
      } else if (typeof data.title !== 'undefined') {
        entity.title = data.title;
      }
      if (data.body === null) {
        entity.body = null;
      } else if (typeof data.body !== 'undefined') {
        entity.body = data.body;
      }
      if (data.status === null) {
        entity.status = null;
      } else if (typeof data.status !== 'undefined') {
        entity.status = data.status;
      }
      if (data.createdAt === null) {
        entity.createdAt = null;
      } else if (typeof data.createdAt !== 'undefined') {
        if (data.createdAt instanceof Date) {
          entity.createdAt = data.createdAt;
        } else if (typeof data.createdAt === 'number' || data.createdAt.includes('+') || data.createdAt.lastIndexOf('-') > 10 || data.createdAt.endsWith('Z')) {
          entity.createdAt = new Date(data.createdAt);
        } else {
          entity.createdAt = new Date(data.createdAt + 'Z');
        }
      }
      if (data.updatedAt === null) {
        entity.updatedAt = null;
      } else if (typeof data.updatedAt !== 'undefined') {
        if (data.updatedAt instanceof Date) {
          entity.updatedAt = data.updatedAt;
        } else if (typeof data.updatedAt === 'number' || data.updatedAt.includes('+') || data.updatedAt.lastIndexOf('-') > 10 || data.updatedAt.endsWith('Z')) {
          entity.updatedAt = new Date(data.updatedAt);
        } else {
          entity.updatedAt = new Date(data.updatedAt + 'Z');
        }
      }
      if (data.version === null) {
        entity.version = null;
      } else if (typeof data.version !== 'undefined') {
        entity.version = data.version;
      }
    }
  },
  'hydrator-posts_6000-full-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id, users_70, users_71) {
    // compiled hydrator for entity PostRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
      if (data.author === null) {
        entity.author = null;
      } else if (typeof data.author !== 'undefined') {
        if (isPrimaryKey(data.author, true)) {
          entity.author = factory.createReference(users_70, data.author, { merge: true, convertCustomTypes, normalizeAccessors, schema });
        } else if (data.author && typeof data.author === 'object') {
          entity.author = factory.create(users_71, data.author, { initialized: true, merge: true, newEntity, convertCustomTypes, normalizeAccessors, schema });
        }
      }
      if (data.title === null) {
        entity.title = null;
      } else if (typeof data.title !== 'undefined') {
        entity.title = data.title;
      }
      if (data.body === null) {
        entity.body = null;
      } else if (typeof data.body !== 'undefined') {
        entity.body = data.body;
      }
      if (data.status === null) {
        entity.status = null;
      } else if (typeof data.status !== 'undefined') {
        entity.status = data.status;
      }
      if (data.createdAt === null) {
        entity.createdAt = null;
      } else if (typeof data.createdAt !== 'undefined') {
        if (data.createdAt instanceof Date) {
          entity.createdAt = data.createdAt;
        } else if (typeof data.createdAt === 'number' || data.createdAt.includes('+') || data.createdAt.lastIndexOf('-') > 10 || data.createdAt.endsWith('Z')) {
          entity.createdAt = new Date(data.createdAt);
        } else {
          entity.createdAt = new Date(data.createdAt + 'Z');
        }
      }
      if (data.updatedAt === null) {
        entity.updatedAt = null;
      } else if (typeof data.updatedAt !== 'undefined') {
        if (data.updatedAt instanceof Date) {
          entity.updatedAt = data.updatedAt;
        } else if (typeof data.updatedAt === 'number' || data.updatedAt.includes('+') || data.updatedAt.lastIndexOf('-') > 10 || data.updatedAt.endsWith('Z')) {
          entity.updatedAt = new Date(data.updatedAt);
        } else {
          entity.updatedAt = new Date(data.updatedAt + 'Z');
        }
      }
      if (data.version === null) {
        entity.version = null;
      } else if (typeof data.version !== 'undefined') {
        entity.version = data.version;
      }
    }
  },
  'comparator-posts_6000': function(compareArrays, compareBooleans, compareBuffers, compareObjects, equals) {
    // compiled comparator for entity PostRow
    return function(last, current, options) {
      const diff = {};
      if (current.id === null && last.id === undefined) {
        diff.id = current.id;
      } else if (current.id == null && last.id == null) {
    
      } else if ((current.id != null && last.id == null) || (current.id == null && last.id != null)) {
        diff.id = current.id;
      } else if (last.id !== current.id) {
        diff.id = current.id;
      }
    
      if (current.author === null && last.author === undefined) {
        diff.author = current.author;
      } else if (current.author == null && last.author == null) {
    
      } else if ((current.author != null && last.author == null) || (current.author == null && last.author != null)) {
        diff.author = current.author;
      } else if (last.author !== current.author) {
        diff.author = current.author;
      }
    
      if (current.title === null && last.title === undefined) {
        diff.title = current.title;
      } else if (current.title == null && last.title == null) {
    
      } else if ((current.title != null && last.title == null) || (current.title == null && last.title != null)) {
        diff.title = current.title;
      } else if (last.title !== current.title) {
        diff.title = current.title;
      }
    
      if (current.body === null && last.body === undefined) {
        diff.body = current.body;
      } else if (current.body == null && last.body == null) {
    
      } else if ((current.body != null && last.body == null) || (current.body == null && last.body != null)) {
        diff.body = current.body;
      } else if (!equals(last.body, current.body)) {
        diff.body = current.body;
      }
    
      if (current.status === null && last.status === undefined) {
        diff.status = current.status;
      } else if (current.status == null && last.status == null) {
    
      } else if ((current.status != null && last.status == null) || (current.status == null && last.status != null)) {
        diff.status = current.status;
      } else if (last.status !== current.status) {
        diff.status = current.status;
      }
    
      if (current.createdAt === null && last.createdAt === undefined) {
        diff.createdAt = current.createdAt;
      } else if (current.createdAt == null && last.createdAt == null) {
    
      } else if ((current.createdAt != null && last.createdAt == null) || (current.createdAt == null && last.createdAt != null)) {
        diff.createdAt = current.createdAt;
      } else if (last.createdAt.valueOf() !== current.createdAt.valueOf()) {
        diff.createdAt = current.createdAt;
      }
    
      if (current.updatedAt === null && last.updatedAt === undefined) {
        diff.updatedAt = current.updatedAt;
      } else if (current.updatedAt == null && last.updatedAt == null) {
    
      } else if ((current.updatedAt != null && last.updatedAt == null) || (current.updatedAt == null && last.updatedAt != null)) {
        diff.updatedAt = current.updatedAt;
      } else if (last.updatedAt.valueOf() !== current.updatedAt.valueOf()) {
        diff.updatedAt = current.updatedAt;
      }
    
      if (current.version === null && last.version === undefined) {
        diff.version = current.version;
      } else if (current.version == null && last.version == null) {
    
      } else if ((current.version != null && last.version == null) || (current.version == null && last.version != null)) {
        diff.version = current.version;
      } else if (!equals(last.version, current.version)) {
        diff.version = current.version;
      }
    
    if (options?.includeInverseSides) {
    }
      return diff;
    }
  },
  'snapshotGenerator-posts_6000': function(clone, cloneEmbeddable, convertToDatabaseValue_id, toArray, EntityIdentifier, processDateProperty) {
    return function(entity) {
      const ret = {};
      if (typeof entity.id !== 'undefined') {
        ret.id = convertToDatabaseValue_id(entity.id);
      }
    
      if (typeof entity.author !== 'undefined') {
        if (entity.author === null) {
          ret.author = null;
        } else if (entity.author?.__helper.__identifier && !entity.author.__helper.hasPrimaryKey()) {
          ret.author = entity.author?.__helper.__identifier;
        } else if (typeof entity.author !== 'undefined') {
          ret.author = toArray(entity.author.__helper.getPrimaryKey(true));
        }
      }
    
      if (typeof entity.title !== 'undefined') {
        ret.title = entity.title;
      }
    
      if (typeof entity.body !== 'undefined') {
        ret.body = clone(entity.body);
      }
    
      if (typeof entity.status !== 'undefined') {
        ret.status = entity.status;
      }
    
      if (typeof entity.createdAt !== 'undefined') {
        ret.createdAt = clone(processDateProperty(entity.createdAt));
      }
    
      if (typeof entity.updatedAt !== 'undefined') {
        ret.updatedAt = clone(processDateProperty(entity.updatedAt));
      }
    
      if (typeof entity.version !== 'undefined') {
        ret.version = clone(entity.version);
      }
    
      return ret;
    }
  },
  'resultMapper-posts_6000': function(PolymorphicRef, parseDate) {
    // compiled mapper for entity PostRow
    return function(result) {
      const ret = {};
      const mapped = {};
      if (typeof result.id !== 'undefined') {
        ret.id = result.id;
        mapped.id = true;
      }
      if (typeof result.author_id !== 'undefined') {
        ret.author = result.author_id;
        mapped.author_id = true;
      }
      if (typeof result.title !== 'undefined') {
        ret.title = result.title;
        mapped.title = true;
      }
      if (typeof result.body !== 'undefined') {
        ret.body = result.body;
        mapped.body = true;
      }
      if (typeof result.status !== 'undefined') {
        ret.status = result.status;
        mapped.status = true;
      }
      if (typeof result.created_at !== 'undefined') {
        if (result.created_at == null || result.created_at instanceof Date) {
          ret.createdAt = result.created_at;
        } else if (typeof result.created_at === 'bigint') {
          ret.createdAt = parseDate(Number(result.created_at));
        } else if (typeof result.created_at === 'number' || result.created_at.includes('+') || result.created_at.lastIndexOf('-') > 10 || result.created_at.endsWith('Z')) {
          ret.createdAt = parseDate(result.created_at);
        } else {
          ret.createdAt = parseDate(result.created_at + 'Z');
        }
        mapped.created_at = true;
      }
      if (typeof result.updated_at !== 'undefined') {
        if (result.updated_at == null || result.updated_at instanceof Date) {
          ret.updatedAt = result.updated_at;
        } else if (typeof result.updated_at === 'bigint') {
          ret.updatedAt = parseDate(Number(result.updated_at));
        } else if (typeof result.updated_at === 'number' || result.updated_at.includes('+') || result.updated_at.lastIndexOf('-') > 10 || result.updated_at.endsWith('Z')) {
          ret.updatedAt = parseDate(result.updated_at);
        } else {
          ret.updatedAt = parseDate(result.updated_at + 'Z');
        }
        mapped.updated_at = true;
      }
      if (typeof result.version !== 'undefined') {
        ret.version = result.version;
        mapped.version = true;
      }
      for (let k in result) { if (Object.hasOwn(result, k) && !mapped[k] && ret[k] === undefined) ret[k] = result[k]; }
      return ret;
    }
  },
  'hydrator-posts_6000-reference-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id) {
    // compiled hydrator for entity PostRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
    }
  },
  'hydrator-posts_6000-reference-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id) {
    // compiled hydrator for entity PostRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
    }
  },
  'pkGetter-posts_6000': function(isEntityOrRef) {
    // compiled pk getter for entity PostRow
    return function(entity) {
      return entity.id;
    }
  },
  'pkGetterConverted-posts_6000': function(isEntityOrRef, convertToDatabaseValue_id) {
    // compiled pk getter (with converted custom types) for entity PostRow
    return function(entity) {
      return convertToDatabaseValue_id(entity.id);
    }
  },
  'pkSerializer-posts_6000': function(isEntityOrRef, getCompositeKeyValue, getPrimaryKeyHash, convertToDatabaseValue_id) {
    // compiled pk serializer for entity PostRow
    return function(entity) {
      const val_3 = convertToDatabaseValue_id(entity.id);
      return getPrimaryKeyHash(val_3);
    }
  },
  'hydrator-password_reset_tokens_7000-full-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, users_80, users_81) {
    // compiled hydrator for entity PasswordResetTokenRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.user === null) {
        entity.user = null;
      } else if (typeof data.user !== 'undefined') {
        if (isPrimaryKey(data.user, true)) {
          entity.user = factory.createReference(users_80, data.user, { merge: true, convertCustomTypes, normalizeAccessors, schema });
        } else if (data.user && typeof data.user === 'object') {
          entity.user = factory.create(users_81, data.user, { initialized: true, merge: true, newEntity, convertCustomTypes, normalizeAccessors, schema });
        }
      }
      if (data.tokenHash === null) {
        entity.tokenHash = null;
      } else if (typeof data.tokenHash !== 'undefined') {
        entity.tokenHash = data.tokenHash;
      }
      if (data.createdAt === null) {
        entity.createdAt = null;
      } else if (typeof data.createdAt !== 'undefined') {
        if (data.createdAt instanceof Date) {
          entity.createdAt = data.createdAt;
        } else if (typeof data.createdAt === 'number' || data.createdAt.includes('+') || data.createdAt.lastIndexOf('-') > 10 || data.createdAt.endsWith('Z')) {
          entity.createdAt = new Date(data.createdAt);
        } else {
          entity.createdAt = new Date(data.createdAt + 'Z');
        }
      }
      if (data.expiresAt === null) {
        entity.expiresAt = null;
      } else if (typeof data.expiresAt !== 'undefined') {
        if (data.expiresAt instanceof Date) {
          entity.expiresAt = data.expiresAt;
        } else if (typeof data.expiresAt === 'number' || data.expiresAt.includes('+') || data.expiresAt.lastIndexOf('-') > 10 || data.expiresAt.endsWith('Z')) {
          entity.expiresAt = new Date(data.expiresAt);
        } else {
          entity.expiresAt = new Date(data.expiresAt + 'Z');
        }
      }
      if (data.usedAt === null) {
        entity.usedAt = null;
      } else if (typeof data.usedAt !== 'undefined') {
        if (data.usedAt instanceof Date) {
          entity.usedAt = data.usedAt;
        } else if (typeof data.usedAt === 'number' || data.usedAt.includes('+') || data.usedAt.lastIndexOf('-') > 10 || data.usedAt.endsWith('Z')) {
          entity.usedAt = new Date(data.usedAt);
        } else {
          entity.usedAt = new Date(data.usedAt + 'Z');
        }
      }
    }
  },
  'hydrator-password_reset_tokens_7000-full-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, users_86, users_87) {
    // compiled hydrator for entity PasswordResetTokenRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.user === null) {
        entity.user = null;
      } else if (typeof data.user !== 'undefined') {
        if (isPrimaryKey(data.user, true)) {
          entity.user = factory.createReference(users_86, data.user, { merge: true, convertCustomTypes, normalizeAccessors, schema });
        } else if (data.user && typeof data.user === 'object') {
          entity.user = factory.create(users_87, data.user, { initialized: true, merge: true, newEntity, convertCustomTypes, normalizeAccessors, schema });
        }
      }
      if (data.tokenHash === null) {
        entity.tokenHash = null;
      } else if (typeof data.tokenHash !== 'undefined') {
        entity.tokenHash = data.tokenHash;
      }
      if (data.createdAt === null) {
        entity.createdAt = null;
      } else if (typeof data.createdAt !== 'undefined') {
        if (data.createdAt instanceof Date) {
          entity.createdAt = data.createdAt;
        } else if (typeof data.createdAt === 'number' || data.createdAt.includes('+') || data.createdAt.lastIndexOf('-') > 10 || data.createdAt.endsWith('Z')) {
          entity.createdAt = new Date(data.createdAt);
        } else {
          entity.createdAt = new Date(data.createdAt + 'Z');
        }
      }
      if (data.expiresAt === null) {
        entity.expiresAt = null;
      } else if (typeof data.expiresAt !== 'undefined') {
        if (data.expiresAt instanceof Date) {
          entity.expiresAt = data.expiresAt;
        } else if (typeof data.expiresAt === 'number' || data.expiresAt.includes('+') || data.expiresAt.lastIndexOf('-') > 10 || data.expiresAt.endsWith('Z')) {
          entity.expiresAt = new Date(data.expiresAt);
        } else {
          entity.expiresAt = new Date(data.expiresAt + 'Z');
        }
      }
      if (data.usedAt === null) {
        entity.usedAt = null;
      } else if (typeof data.usedAt !== 'undefined') {
        if (data.usedAt instanceof Date) {
          entity.usedAt = data.usedAt;
        } else if (typeof data.usedAt === 'number' || data.usedAt.includes('+') || data.usedAt.lastIndexOf('-') > 10 || data.usedAt.endsWith('Z')) {
          entity.usedAt = new Date(data.usedAt);
        } else {
          entity.usedAt = new Date(data.usedAt + 'Z');
        }
      }
    }
  },
  'comparator-password_reset_tokens_7000': function(compareArrays, compareBooleans, compareBuffers, compareObjects, equals) {
    // compiled comparator for entity PasswordResetTokenRow
    return function(last, current, options) {
      const diff = {};
      if (current.user === null && last.user === undefined) {
        diff.user = current.user;
      } else if (current.user == null && last.user == null) {
    
      } else if ((current.user != null && last.user == null) || (current.user == null && last.user != null)) {
        diff.user = current.user;
      } else if (last.user !== current.user) {
        diff.user = current.user;
      }
    
      if (current.tokenHash === null && last.tokenHash === undefined) {
        diff.tokenHash = current.tokenHash;
      } else if (current.tokenHash == null && last.tokenHash == null) {
    
      } else if ((current.tokenHash != null && last.tokenHash == null) || (current.tokenHash == null && last.tokenHash != null)) {
        diff.tokenHash = current.tokenHash;
      } else if (!equals(last.tokenHash, current.tokenHash)) {
        diff.tokenHash = current.tokenHash;
      }
    
      if (current.createdAt === null && last.createdAt === undefined) {
        diff.createdAt = current.createdAt;
      } else if (current.createdAt == null && last.createdAt == null) {
    
      } else if ((current.createdAt != null && last.createdAt == null) || (current.createdAt == null && last.createdAt != null)) {
        diff.createdAt = current.createdAt;
      } else if (last.createdAt.valueOf() !== current.createdAt.valueOf()) {
        diff.createdAt = current.createdAt;
      }
    
      if (current.expiresAt === null && last.expiresAt === undefined) {
        diff.expiresAt = current.expiresAt;
      } else if (current.expiresAt == null && last.expiresAt == null) {
    
      } else if ((current.expiresAt != null && last.expiresAt == null) || (current.expiresAt == null && last.expiresAt != null)) {
        diff.expiresAt = current.expiresAt;
      } else if (last.expiresAt.valueOf() !== current.expiresAt.valueOf()) {
        diff.expiresAt = current.expiresAt;
      }
    
      if (current.usedAt === null && last.usedAt === undefined) {
        diff.usedAt = current.usedAt;
      } else if (current.usedAt == null && last.usedAt == null) {
    
      } else if ((current.usedAt != null && last.usedAt == null) || (current.usedAt == null && last.usedAt != null)) {
        diff.usedAt = current.usedAt;
      } else if (last.usedAt.valueOf() !== current.usedAt.valueOf()) {
        diff.usedAt = current.usedAt;
      }
    
    if (options?.includeInverseSides) {
    }
      return diff;
    }
  },
  'snapshotGenerator-password_reset_tokens_7000': function(clone, cloneEmbeddable, toArray, EntityIdentifier, processDateProperty) {
    return function(entity) {
      const ret = {};
      if (typeof entity.user !== 'undefined') {
        if (entity.user === null) {
          ret.user = null;
        } else if (entity.user?.__helper.__identifier && !entity.user.__helper.hasPrimaryKey()) {
          ret.user = entity.user?.__helper.__identifier;
        } else if (typeof entity.user !== 'undefined') {
          ret.user = toArray(entity.user.__helper.getPrimaryKey(true));
        }
      }
    
      if (typeof entity.tokenHash !== 'undefined') {
        ret.tokenHash = clone(entity.tokenHash);
      }
    
      if (typeof entity.createdAt !== 'undefined') {
        ret.createdAt = clone(processDateProperty(entity.createdAt));
      }
    
      if (typeof entity.expiresAt !== 'undefined') {
        ret.expiresAt = clone(processDateProperty(entity.expiresAt));
      }
    
      if (typeof entity.usedAt !== 'undefined') {
        ret.usedAt = clone(processDateProperty(entity.usedAt));
      }
    
      return ret;
    }
  },
  'resultMapper-password_reset_tokens_7000': function(PolymorphicRef, parseDate) {
    // compiled mapper for entity PasswordResetTokenRow
    return function(result) {
      const ret = {};
      const mapped = {};
      if (typeof result.user_id !== 'undefined') {
        ret.user = result.user_id;
        mapped.user_id = true;
      }
      if (typeof result.token_hash !== 'undefined') {
        ret.tokenHash = result.token_hash;
        mapped.token_hash = true;
      }
      if (typeof result.created_at !== 'undefined') {
        if (result.created_at == null || result.created_at instanceof Date) {
          ret.createdAt = result.created_at;
        } else if (typeof result.created_at === 'bigint') {
          ret.createdAt = parseDate(Number(result.created_at));
        } else if (typeof result.created_at === 'number' || result.created_at.includes('+') || result.created_at.lastIndexOf('-') > 10 || result.created_at.endsWith('Z')) {
          ret.createdAt = parseDate(result.created_at);
        } else {
          ret.createdAt = parseDate(result.created_at + 'Z');
        }
        mapped.created_at = true;
      }
      if (typeof result.expires_at !== 'undefined') {
        if (result.expires_at == null || result.expires_at instanceof Date) {
          ret.expiresAt = result.expires_at;
        } else if (typeof result.expires_at === 'bigint') {
          ret.expiresAt = parseDate(Number(result.expires_at));
        } else if (typeof result.expires_at === 'number' || result.expires_at.includes('+') || result.expires_at.lastIndexOf('-') > 10 || result.expires_at.endsWith('Z')) {
          ret.expiresAt = parseDate(result.expires_at);
        } else {
          ret.expiresAt = parseDate(result.expires_at + 'Z');
        }
        mapped.expires_at = true;
      }
      if (typeof result.used_at !== 'undefined') {
        if (result.used_at == null || result.used_at instanceof Date) {
          ret.usedAt = result.used_at;
        } else if (typeof result.used_at === 'bigint') {
          ret.usedAt = parseDate(Number(result.used_at));
        } else if (typeof result.used_at === 'number' || result.used_at.includes('+') || result.used_at.lastIndexOf('-') > 10 || result.used_at.endsWith('Z')) {
          ret.usedAt = parseDate(result.used_at);
        } else {
          ret.usedAt = parseDate(result.used_at + 'Z');
        }
        mapped.used_at = true;
      }
      for (let k in result) { if (Object.hasOwn(result, k) && !mapped[k] && ret[k] === undefined) ret[k] = result[k]; }
      return ret;
    }
  },
  'hydrator-password_reset_tokens_7000-reference-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, users_92, users_93) {
    // compiled hydrator for entity PasswordResetTokenRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.user === null) {
        entity.user = null;
      } else if (typeof data.user !== 'undefined') {
        if (isPrimaryKey(data.user, true)) {
          entity.user = factory.createReference(users_92, data.user, { merge: true, convertCustomTypes, normalizeAccessors, schema });
        } else if (data.user && typeof data.user === 'object') {
          entity.user = factory.createReference(users_93, data.user, { initialized: true, merge: true, newEntity, convertCustomTypes, normalizeAccessors, schema });
        }
      }
    }
  },
  'hydrator-password_reset_tokens_7000-reference-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, users_94, users_95) {
    // compiled hydrator for entity PasswordResetTokenRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.user === null) {
        entity.user = null;
      } else if (typeof data.user !== 'undefined') {
        if (isPrimaryKey(data.user, true)) {
          entity.user = factory.createReference(users_94, data.user, { merge: true, convertCustomTypes, normalizeAccessors, schema });
        } else if (data.user && typeof data.user === 'object') {
          entity.user = factory.createReference(users_95, data.user, { initialized: true, merge: true, newEntity, convertCustomTypes, normalizeAccessors, schema });
        }
      }
    }
  },
  'pkGetter-password_reset_tokens_7000': function(isEntityOrRef) {
    // compiled pk getter for entity PasswordResetTokenRow
    return function(entity) {
      if (entity.user != null && isEntityOrRef(entity.user)) {
        const pk = entity.user.__helper.getPrimaryKey();
        return pk;
      }
      return entity.user;
    }
  },
  'pkGetterConverted-password_reset_tokens_7000': function(isEntityOrRef, convertToDatabaseValue_user) {
    // compiled pk getter (with converted custom types) for entity PasswordResetTokenRow
    return function(entity) {
      if (entity.user != null && isEntityOrRef(entity.user)) return entity.user.__helper.getPrimaryKey(true);
      return convertToDatabaseValue_user(entity.user);
    }
  },
  'pkSerializer-password_reset_tokens_7000': function(isEntityOrRef, getCompositeKeyValue, getPrimaryKeyHash, convertToDatabaseValue_user) {
    // compiled pk serializer for entity PasswordResetTokenRow
    return function(entity) {
      if (entity.user != null && isEntityOrRef(entity.user)) return entity.user.__helper.getSerializedPrimaryKey();
      const val_4 = convertToDatabaseValue_user(entity.user);
      return getPrimaryKeyHash(val_4);
    }
  },
  'hydrator-outbox_2000-full-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id, convertToJSValue_data, convertToDatabaseValue_data, convertToJSValue_headers, convertToDatabaseValue_headers) {
    // compiled hydrator for entity OutboxEntry ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
      if (data.type === null) {
        entity.type = null;
      } else if (typeof data.type !== 'undefined') {
        entity.type = data.type;
      }
      if (data.data === null) {
        entity.data = null;
      } else if (typeof data.data !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_data(data.data);
          data.data = convertToDatabaseValue_data(value);
          entity.data = value;
        } else {
          entity.data = data.data;
        }
      }
      if (data.occurredAt === null) {
        entity.occurredAt = null;
      } else if (typeof data.occurredAt !== 'undefined') {
        if (data.occurredAt instanceof Date) {
          entity.occurredAt = data.occurredAt;
        } else if (typeof data.occurredAt === 'number' || data.occurredAt.includes('+') || data.occurredAt.lastIndexOf('-') > 10 || data.occurredAt.endsWith('Z')) {
          entity.occurredAt = new Date(data.occurredAt);
        } else {
          entity.occurredAt = new Date(data.occurredAt + 'Z');
        }
      }
      if (data.attempts === null) {
        entity.attempts = null;
      } else if (typeof data.attempts !== 'undefined') {
        entity.attempts = data.attempts;
      }
      if (data.availableAt === null) {
        entity.availableAt = null;
      } else if (typeof data.availableAt !== 'undefined') {
        if (data.availableAt instanceof Date) {
          entity.availableAt = data.availableAt;
        } else if (typeof data.availableAt === 'number' || data.availableAt.includes('+') || data.availableAt.lastIndexOf('-') > 10 || data.availableAt.endsWith('Z')) {
          entity.availableAt = new Date(data.availableAt);
        } else {
          entity.availableAt = new Date(data.availableAt + 'Z');
        }
      }
      if (data.lastError === null) {
        entity.lastError = null;
      } else if (typeof data.lastError !== 'undefined') {
        entity.lastError = data.lastError;
      }
      if (data.kind === null) {
        entity.kind = null;
      } else if (typeof data.kind !== 'undefined') {
        entity.kind = data.kind;
      }
      if (data.headers === null) {
        entity.headers = null;
      } else if (typeof data.headers !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_headers(data.headers);
          data.headers = convertToDatabaseValue_headers(value);
          entity.headers = value;
        } else {
          entity.headers = data.headers;
        }
      }
    }
  },
  'hydrator-outbox_2000-full-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id, convertToJSValue_data, convertToDatabaseValue_data, convertToJSValue_headers, convertToDatabaseValue_headers) {
    // compiled hydrator for entity OutboxEntry ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
      if (data.type === null) {
        entity.type = null;
      } else if (typeof data.type !== 'undefined') {
        entity.type = data.type;
      }
      if (data.data === null) {
        entity.data = null;
      } else if (typeof data.data !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_data(data.data);
          data.data = convertToDatabaseValue_data(value);
          entity.data = value;
        } else {
          entity.data = data.data;
        }
      }
      if (data.occurredAt === null) {
        entity.occurredAt = null;
      } else if (typeof data.occurredAt !== 'undefined') {
        if (data.occurredAt instanceof Date) {
          entity.occurredAt = data.occurredAt;
        } else if (typeof data.occurredAt === 'number' || data.occurredAt.includes('+') || data.occurredAt.lastIndexOf('-') > 10 || data.occurredAt.endsWith('Z')) {
          entity.occurredAt = new Date(data.occurredAt);
        } else {
          entity.occurredAt = new Date(data.occurredAt + 'Z');
        }
      }
      if (data.attempts === null) {
        entity.attempts = null;
      } else if (typeof data.attempts !== 'undefined') {
        entity.attempts = data.attempts;
      }
      if (data.availableAt === null) {
        entity.availableAt = null;
      } else if (typeof data.availableAt !== 'undefined') {
        if (data.availableAt instanceof Date) {
          entity.availableAt = data.availableAt;
        } else if (typeof data.availableAt === 'number' || data.availableAt.includes('+') || data.availableAt.lastIndexOf('-') > 10 || data.availableAt.endsWith('Z')) {
          entity.availableAt = new Date(data.availableAt);
        } else {
          entity.availableAt = new Date(data.availableAt + 'Z');
        }
      }
      if (data.lastError === null) {
        entity.lastError = null;
      } else if (typeof data.lastError !== 'undefined') {
        entity.lastError = data.lastError;
      }
      if (data.kind === null) {
        entity.kind = null;
      } else if (typeof data.kind !== 'undefined') {
        entity.kind = data.kind;
      }
      if (data.headers === null) {
        entity.headers = null;
      } else if (typeof data.headers !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_headers(data.headers);
          data.headers = convertToDatabaseValue_headers(value);
          entity.headers = value;
        } else {
          entity.headers = data.headers;
        }
      }
    }
  },
  'comparator-outbox_2000': function(compareArrays, compareBooleans, compareBuffers, compareObjects, equals) {
    // compiled comparator for entity OutboxEntry
    return function(last, current, options) {
      const diff = {};
      if (current.id === null && last.id === undefined) {
        diff.id = current.id;
      } else if (current.id == null && last.id == null) {
    
      } else if ((current.id != null && last.id == null) || (current.id == null && last.id != null)) {
        diff.id = current.id;
      } else if (last.id !== current.id) {
        diff.id = current.id;
      }
    
      if (current.type === null && last.type === undefined) {
        diff.type = current.type;
      } else if (current.type == null && last.type == null) {
    
      } else if ((current.type != null && last.type == null) || (current.type == null && last.type != null)) {
        diff.type = current.type;
      } else if (!equals(last.type, current.type)) {
        diff.type = current.type;
      }
    
      if (current.data === null && last.data === undefined) {
        diff.data = current.data;
      } else if (current.data == null && last.data == null) {
    
      } else if ((current.data != null && last.data == null) || (current.data == null && last.data != null)) {
        diff.data = current.data;
      } else if (!equals(last.data, current.data)) {
        diff.data = current.data;
      }
    
      if (current.occurredAt === null && last.occurredAt === undefined) {
        diff.occurredAt = current.occurredAt;
      } else if (current.occurredAt == null && last.occurredAt == null) {
    
      } else if ((current.occurredAt != null && last.occurredAt == null) || (current.occurredAt == null && last.occurredAt != null)) {
        diff.occurredAt = current.occurredAt;
      } else if (last.occurredAt.valueOf() !== current.occurredAt.valueOf()) {
        diff.occurredAt = current.occurredAt;
      }
    
      if (current.attempts === null && last.attempts === undefined) {
        diff.attempts = current.attempts;
      } else if (current.attempts == null && last.attempts == null) {
    
      } else if ((current.attempts != null && last.attempts == null) || (current.attempts == null && last.attempts != null)) {
        diff.attempts = current.attempts;
      } else if (!equals(last.attempts, current.attempts)) {
        diff.attempts = current.attempts;
      }
    
      if (current.availableAt === null && last.availableAt === undefined) {
        diff.availableAt = current.availableAt;
      } else if (current.availableAt == null && last.availableAt == null) {
    
      } else if ((current.availableAt != null && last.availableAt == null) || (current.availableAt == null && last.availableAt != null)) {
        diff.availableAt = current.availableAt;
      } else if (last.availableAt.valueOf() !== current.availableAt.valueOf()) {
        diff.availableAt = current.availableAt;
      }
    
      if (current.lastError === null && last.lastError === undefined) {
        diff.lastError = current.lastError;
      } else if (current.lastError == null && last.lastError == null) {
    
      } else if ((current.lastError != null && last.lastError == null) || (current.lastError == null && last.lastError != null)) {
        diff.lastError = current.lastError;
      } else if (!equals(last.lastError, current.lastError)) {
        diff.lastError = current.lastError;
      }
    
      if (current.kind === null && last.kind === undefined) {
        diff.kind = current.kind;
      } else if (current.kind == null && last.kind == null) {
    
      } else if ((current.kind != null && last.kind == null) || (current.kind == null && last.kind != null)) {
        diff.kind = current.kind;
      } else if (!equals(last.kind, current.kind)) {
        diff.kind = current.kind;
      }
    
      if (current.headers === null && last.headers === undefined) {
        diff.headers = current.headers;
      } else if (current.headers == null && last.headers == null) {
    
      } else if ((current.headers != null && last.headers == null) || (current.headers == null && last.headers != null)) {
        diff.headers = current.headers;
      } else if (!equals(last.headers, current.headers)) {
        diff.headers = current.headers;
      }
    
    if (options?.includeInverseSides) {
    }
      return diff;
    }
  },
  'snapshotGenerator-outbox_2000': function(clone, cloneEmbeddable, convertToDatabaseValue_id, convertToDatabaseValue_data, processDateProperty, convertToDatabaseValue_headers) {
    return function(entity) {
      const ret = {};
      if (typeof entity.id !== 'undefined') {
        ret.id = convertToDatabaseValue_id(entity.id);
      }
    
      if (typeof entity.type !== 'undefined') {
        ret.type = clone(entity.type);
      }
    
      if (typeof entity.data !== 'undefined') {
        ret.data = clone(convertToDatabaseValue_data(entity.data));
      }
    
      if (typeof entity.occurredAt !== 'undefined') {
        ret.occurredAt = clone(processDateProperty(entity.occurredAt));
      }
    
      if (typeof entity.attempts !== 'undefined') {
        ret.attempts = clone(entity.attempts);
      }
    
      if (typeof entity.availableAt !== 'undefined') {
        ret.availableAt = clone(processDateProperty(entity.availableAt));
      }
    
      if (typeof entity.lastError !== 'undefined') {
        ret.lastError = clone(entity.lastError);
      }
    
      if (typeof entity.kind !== 'undefined') {
        ret.kind = clone(entity.kind);
      }
    
      if (typeof entity.headers !== 'undefined') {
        ret.headers = clone(convertToDatabaseValue_headers(entity.headers));
      }
    
      return ret;
    }
  },
  'resultMapper-outbox_2000': function(PolymorphicRef, parseDate) {
    // compiled mapper for entity OutboxEntry
    return function(result) {
      const ret = {};
      const mapped = {};
      if (typeof result.id !== 'undefined') {
        ret.id = result.id;
        mapped.id = true;
      }
      if (typeof result.type !== 'undefined') {
        ret.type = result.type;
        mapped.type = true;
      }
      if (typeof result.data !== 'undefined') {
        ret.data = result.data;
        mapped.data = true;
      }
      if (typeof result.occurred_at !== 'undefined') {
        if (result.occurred_at == null || result.occurred_at instanceof Date) {
          ret.occurredAt = result.occurred_at;
        } else if (typeof result.occurred_at === 'bigint') {
          ret.occurredAt = parseDate(Number(result.occurred_at));
        } else if (typeof result.occurred_at === 'number' || result.occurred_at.includes('+') || result.occurred_at.lastIndexOf('-') > 10 || result.occurred_at.endsWith('Z')) {
          ret.occurredAt = parseDate(result.occurred_at);
        } else {
          ret.occurredAt = parseDate(result.occurred_at + 'Z');
        }
        mapped.occurred_at = true;
      }
      if (typeof result.attempts !== 'undefined') {
        ret.attempts = result.attempts;
        mapped.attempts = true;
      }
      if (typeof result.available_at !== 'undefined') {
        if (result.available_at == null || result.available_at instanceof Date) {
          ret.availableAt = result.available_at;
        } else if (typeof result.available_at === 'bigint') {
          ret.availableAt = parseDate(Number(result.available_at));
        } else if (typeof result.available_at === 'number' || result.available_at.includes('+') || result.available_at.lastIndexOf('-') > 10 || result.available_at.endsWith('Z')) {
          ret.availableAt = parseDate(result.available_at);
        } else {
          ret.availableAt = parseDate(result.available_at + 'Z');
        }
        mapped.available_at = true;
      }
      if (typeof result.last_error !== 'undefined') {
        ret.lastError = result.last_error;
        mapped.last_error = true;
      }
      if (typeof result.kind !== 'undefined') {
        ret.kind = result.kind;
        mapped.kind = true;
      }
      if (typeof result.headers !== 'undefined') {
        ret.headers = result.headers;
        mapped.headers = true;
      }
      for (let k in result) { if (Object.hasOwn(result, k) && !mapped[k] && ret[k] === undefined) ret[k] = result[k]; }
      return ret;
    }
  },
  'hydrator-outbox_2000-reference-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id) {
    // compiled hydrator for entity OutboxEntry ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
    }
  },
  'hydrator-outbox_2000-reference-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id) {
    // compiled hydrator for entity OutboxEntry ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
    }
  },
  'pkGetter-outbox_2000': function(isEntityOrRef) {
    // compiled pk getter for entity OutboxEntry
    return function(entity) {
      return entity.id;
    }
  },
  'pkGetterConverted-outbox_2000': function(isEntityOrRef, convertToDatabaseValue_id) {
    // compiled pk getter (with converted custom types) for entity OutboxEntry
    return function(entity) {
      return convertToDatabaseValue_id(entity.id);
    }
  },
  'pkSerializer-outbox_2000': function(isEntityOrRef, getCompositeKeyValue, getPrimaryKeyHash, convertToDatabaseValue_id) {
    // compiled pk serializer for entity OutboxEntry
    return function(entity) {
      const val_5 = convertToDatabaseValue_id(entity.id);
      return getPrimaryKeyHash(val_5);
    }
  },
  'hydrator-jobs_4000-full-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id, convertToJSValue_data, convertToDatabaseValue_data, convertToJSValue_ownerId, convertToDatabaseValue_ownerId) {
    // compiled hydrator for entity Job ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
      if (data.type === null) {
        entity.type = null;
      } else if (typeof data.type !== 'undefined') {
        entity.type = data.type;
      }
      if (data.data === null) {
        entity.data = null;
      } else if (typeof data.data !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_data(data.data);
          data.data = convertToDatabaseValue_data(value);
          entity.data = value;
        } else {
          entity.data = data.data;
        }
      }
      if (data.status === null) {
        entity.status = null;
      } else if (typeof data.status !== 'undefined') {
        entity.status = data.status;
      }
      if (data.attempts === null) {
        entity.attempts = null;
      } else if (typeof data.attempts !== 'undefined') {
        entity.attempts = data.attempts;
      }
      if (data.maxAttempts === null) {
        entity.maxAttempts = null;
      } else if (typeof data.maxAttempts !== 'undefined') {
        entity.maxAttempts = data.maxAttempts;
      }
      if (data.ownerId === null) {
        entity.ownerId = null;
      } else if (typeof data.ownerId !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_ownerId(data.ownerId);
          entity.ownerId = value;
        } else {
          entity.ownerId = data.ownerId;
        }
      }
      if (data.createdAt === null) {
        entity.createdAt = null;
      } else if (typeof data.createdAt !== 'undefined') {
        if (data.createdAt instanceof Date) {
          entity.createdAt = data.createdAt;
        } else if (typeof data.createdAt === 'number' || data.createdAt.includes('+') || data.createdAt.lastIndexOf('-') > 10 || data.createdAt.endsWith('Z')) {
          entity.createdAt = new Date(data.createdAt);
        } else {
          entity.createdAt = new Date(data.createdAt + 'Z');
        }
      }
      if (data.updatedAt === null) {
        entity.updatedAt = null;
      } else if (typeof data.updatedAt !== 'undefined') {
        if (data.updatedAt instanceof Date) {
          entity.updatedAt = data.updatedAt;
        } else if (typeof data.updatedAt === 'number' || data.updatedAt.includes('+') || data.updatedAt.lastIndexOf('-') > 10 || data.updatedAt.endsWith('Z')) {
          entity.updatedAt = new Date(data.updatedAt);
        } else {
          entity.updatedAt = new Date(data.updatedAt + 'Z');
        }
      }
      if (data.availableAt === null) {
        entity.availableAt = null;
      } else if (typeof data.availableAt !== 'undefined') {
        if (data.availableAt instanceof Date) {
          entity.availableAt = data.availableAt;
        } else if (typeof data.availableAt === 'number' || data.availableAt.includes('+') || data.availableAt.lastIndexOf('-') > 10 || data.availableAt.endsWith('Z')) {
          entity.availableAt = new Date(data.availableAt);
        } else {
          entity.availableAt = new Date(data.availableAt + 'Z');
        }
      }
      if (data.leaseUntil === null) {
        entity.leaseUntil = null;
      } else if (typeof data.leaseUntil !== 'undefined') {
        if (data.leaseUntil instanceof Date) {
          entity.leaseUntil = data.leaseUntil;
        } else if (typeof data.leaseUntil === 'number' || data.leaseUntil.includes('+') || data.leaseUntil.lastIndexOf('-') > 10 || data.leaseUntil.endsWith('Z')) {
          entity.leaseUntil = new Date(data.leaseUntil);
        } else {
          entity.leaseUntil = new Date(data.leaseUntil + 'Z');
        }
      }
      if (data.error === null) {
        entity.error = null;
      } else if (typeof data.error !== 'undefined') {
        entity.error = data.error;
      }
      if (data.result === null) {
        entity.result = null;
      } else if (typeof data.result !== 'undefined') {
        entity.result = data.result;
      }
    }
  },
  'hydrator-jobs_4000-full-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id, convertToJSValue_data, convertToDatabaseValue_data, convertToJSValue_ownerId, convertToDatabaseValue_ownerId) {
    // compiled hydrator for entity Job ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
      if (data.type === null) {
        entity.type = null;
      } else if (typeof data.type !== 'undefined') {
        entity.type = data.type;
      }
      if (data.data === null) {
        entity.data = null;
      } else if (typeof data.data !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_data(data.data);
          data.data = convertToDatabaseValue_data(value);
          entity.data = value;
        } else {
          entity.data = data.data;
        }
      }
      if (data.status === null) {
        entity.status = null;
      } else if (typeof data.status !== 'undefined') {
        entity.status = data.status;
      }
      if (data.attempts === null) {
        entity.attempts = null;
      } else if (typeof data.attempts !== 'undefined') {
        entity.attempts = data.attempts;
      }
      if (data.maxAttempts === null) {
        entity.maxAttempts = null;
      } else if (typeof data.maxAttempts !== 'undefined') {
        entity.maxAttempts = data.maxAttempts;
      }
      if (data.ownerId === null) {
        entity.ownerId = null;
      } else if (typeof data.ownerId !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_ownerId(data.ownerId);
          entity.ownerId = value;
        } else {
          entity.ownerId = data.ownerId;
        }
      }
      if (data.createdAt === null) {
        entity.createdAt = null;
      } else if (typeof data.createdAt !== 'undefined') {
        if (data.createdAt instanceof Date) {
          entity.createdAt = data.createdAt;
        } else if (typeof data.createdAt === 'number' || data.createdAt.includes('+') || data.createdAt.lastIndexOf('-') > 10 || data.createdAt.endsWith('Z')) {
          entity.createdAt = new Date(data.createdAt);
        } else {
          entity.createdAt = new Date(data.createdAt + 'Z');
        }
      }
      if (data.updatedAt === null) {
        entity.updatedAt = null;
      } else if (typeof data.updatedAt !== 'undefined') {
        if (data.updatedAt instanceof Date) {
          entity.updatedAt = data.updatedAt;
        } else if (typeof data.updatedAt === 'number' || data.updatedAt.includes('+') || data.updatedAt.lastIndexOf('-') > 10 || data.updatedAt.endsWith('Z')) {
          entity.updatedAt = new Date(data.updatedAt);
        } else {
          entity.updatedAt = new Date(data.updatedAt + 'Z');
        }
      }
      if (data.availableAt === null) {
        entity.availableAt = null;
      } else if (typeof data.availableAt !== 'undefined') {
        if (data.availableAt instanceof Date) {
          entity.availableAt = data.availableAt;
        } else if (typeof data.availableAt === 'number' || data.availableAt.includes('+') || data.availableAt.lastIndexOf('-') > 10 || data.availableAt.endsWith('Z')) {
          entity.availableAt = new Date(data.availableAt);
        } else {
          entity.availableAt = new Date(data.availableAt + 'Z');
        }
      }
      if (data.leaseUntil === null) {
        entity.leaseUntil = null;
      } else if (typeof data.leaseUntil !== 'undefined') {
        if (data.leaseUntil instanceof Date) {
          entity.leaseUntil = data.leaseUntil;
        } else if (typeof data.leaseUntil === 'number' || data.leaseUntil.includes('+') || data.leaseUntil.lastIndexOf('-') > 10 || data.leaseUntil.endsWith('Z')) {
          entity.leaseUntil = new Date(data.leaseUntil);
        } else {
          entity.leaseUntil = new Date(data.leaseUntil + 'Z');
        }
      }
      if (data.error === null) {
        entity.error = null;
      } else if (typeof data.error !== 'undefined') {
        entity.error = data.error;
      }
      if (data.result === null) {
        entity.result = null;
      } else if (typeof data.result !== 'undefined') {
        entity.result = data.result;
      }
    }
  },
  'comparator-jobs_4000': function(compareArrays, compareBooleans, compareBuffers, compareObjects, equals) {
    // compiled comparator for entity Job
    return function(last, current, options) {
      const diff = {};
      if (current.id === null && last.id === undefined) {
        diff.id = current.id;
      } else if (current.id == null && last.id == null) {
    
      } else if ((current.id != null && last.id == null) || (current.id == null && last.id != null)) {
        diff.id = current.id;
      } else if (last.id !== current.id) {
        diff.id = current.id;
      }
    
      if (current.type === null && last.type === undefined) {
        diff.type = current.type;
      } else if (current.type == null && last.type == null) {
    
      } else if ((current.type != null && last.type == null) || (current.type == null && last.type != null)) {
        diff.type = current.type;
      } else if (!equals(last.type, current.type)) {
        diff.type = current.type;
      }
    
      if (current.data === null && last.data === undefined) {
        diff.data = current.data;
      } else if (current.data == null && last.data == null) {
    
      } else if ((current.data != null && last.data == null) || (current.data == null && last.data != null)) {
        diff.data = current.data;
      } else if (!equals(last.data, current.data)) {
        diff.data = current.data;
      }
    
      if (current.status === null && last.status === undefined) {
        diff.status = current.status;
      } else if (current.status == null && last.status == null) {
    
      } else if ((current.status != null && last.status == null) || (current.status == null && last.status != null)) {
        diff.status = current.status;
      } else if (!equals(last.status, current.status)) {
        diff.status = current.status;
      }
    
      if (current.attempts === null && last.attempts === undefined) {
        diff.attempts = current.attempts;
      } else if (current.attempts == null && last.attempts == null) {
    
      } else if ((current.attempts != null && last.attempts == null) || (current.attempts == null && last.attempts != null)) {
        diff.attempts = current.attempts;
      } else if (!equals(last.attempts, current.attempts)) {
        diff.attempts = current.attempts;
      }
    
      if (current.maxAttempts === null && last.maxAttempts === undefined) {
        diff.maxAttempts = current.maxAttempts;
      } else if (current.maxAttempts == null && last.maxAttempts == null) {
    
      } else if ((current.maxAttempts != null && last.maxAttempts == null) || (current.maxAttempts == null && last.maxAttempts != null)) {
        diff.maxAttempts = current.maxAttempts;
      } else if (!equals(last.maxAttempts, current.maxAttempts)) {
        diff.maxAttempts = current.maxAttempts;
      }
    
      if (current.ownerId === null && last.ownerId === undefined) {
        diff.ownerId = current.ownerId;
      } else if (current.ownerId == null && last.ownerId == null) {
    
      } else if ((current.ownerId != null && last.ownerId == null) || (current.ownerId == null && last.ownerId != null)) {
        diff.ownerId = current.ownerId;
      } else if (last.ownerId !== current.ownerId) {
        diff.ownerId = current.ownerId;
      }
    
      if (current.createdAt === null && last.createdAt === undefined) {
        diff.createdAt = current.createdAt;
      } else if (current.createdAt == null && last.createdAt == null) {
    
      } else if ((current.createdAt != null && last.createdAt == null) || (current.createdAt == null && last.createdAt != null)) {
        diff.createdAt = current.createdAt;
      } else if (last.createdAt.valueOf() !== current.createdAt.valueOf()) {
        diff.createdAt = current.createdAt;
      }
    
      if (current.updatedAt === null && last.updatedAt === undefined) {
        diff.updatedAt = current.updatedAt;
      } else if (current.updatedAt == null && last.updatedAt == null) {
    
      } else if ((current.updatedAt != null && last.updatedAt == null) || (current.updatedAt == null && last.updatedAt != null)) {
        diff.updatedAt = current.updatedAt;
      } else if (last.updatedAt.valueOf() !== current.updatedAt.valueOf()) {
        diff.updatedAt = current.updatedAt;
      }
    
      if (current.availableAt === null && last.availableAt === undefined) {
        diff.availableAt = current.availableAt;
      } else if (current.availableAt == null && last.availableAt == null) {
    
      } else if ((current.availableAt != null && last.availableAt == null) || (current.availableAt == null && last.availableAt != null)) {
        diff.availableAt = current.availableAt;
      } else if (last.availableAt.valueOf() !== current.availableAt.valueOf()) {
        diff.availableAt = current.availableAt;
      }
    
      if (current.leaseUntil === null && last.leaseUntil === undefined) {
        diff.leaseUntil = current.leaseUntil;
      } else if (current.leaseUntil == null && last.leaseUntil == null) {
    
      } else if ((current.leaseUntil != null && last.leaseUntil == null) || (current.leaseUntil == null && last.leaseUntil != null)) {
        diff.leaseUntil = current.leaseUntil;
      } else if (last.leaseUntil.valueOf() !== current.leaseUntil.valueOf()) {
        diff.leaseUntil = current.leaseUntil;
      }
    
      if (current.error === null && last.error === undefined) {
        diff.error = current.error;
      } else if (current.error == null && last.error == null) {
    
      } else if ((current.error != null && last.error == null) || (current.error == null && last.error != null)) {
        diff.error = current.error;
      } else if (!equals(last.error, current.error)) {
        diff.error = current.error;
      }
    
      if (current.result === null && last.result === undefined) {
        diff.result = current.result;
      } else if (current.result == null && last.result == null) {
    
      } else if ((current.result != null && last.result == null) || (current.result == null && last.result != null)) {
        diff.result = current.result;
      } else if (!equals(last.result, current.result)) {
        diff.result = current.result;
      }
    
    if (options?.includeInverseSides) {
    }
      return diff;
    }
  },
  'snapshotGenerator-jobs_4000': function(clone, cloneEmbeddable, convertToDatabaseValue_id, convertToDatabaseValue_data, convertToDatabaseValue_ownerId, processDateProperty) {
    return function(entity) {
      const ret = {};
      if (typeof entity.id !== 'undefined') {
        ret.id = convertToDatabaseValue_id(entity.id);
      }
    
      if (typeof entity.type !== 'undefined') {
        ret.type = clone(entity.type);
      }
    
      if (typeof entity.data !== 'undefined') {
        ret.data = clone(convertToDatabaseValue_data(entity.data));
      }
    
      if (typeof entity.status !== 'undefined') {
        ret.status = clone(entity.status);
      }
    
      if (typeof entity.attempts !== 'undefined') {
        ret.attempts = clone(entity.attempts);
      }
    
      if (typeof entity.maxAttempts !== 'undefined') {
        ret.maxAttempts = clone(entity.maxAttempts);
      }
    
      if (typeof entity.ownerId !== 'undefined') {
        ret.ownerId = convertToDatabaseValue_ownerId(entity.ownerId);
      }
    
      if (typeof entity.createdAt !== 'undefined') {
        ret.createdAt = clone(processDateProperty(entity.createdAt));
      }
    
      if (typeof entity.updatedAt !== 'undefined') {
        ret.updatedAt = clone(processDateProperty(entity.updatedAt));
      }
    
      if (typeof entity.availableAt !== 'undefined') {
        ret.availableAt = clone(processDateProperty(entity.availableAt));
      }
    
      if (typeof entity.leaseUntil !== 'undefined') {
        ret.leaseUntil = clone(processDateProperty(entity.leaseUntil));
      }
    
      if (typeof entity.error !== 'undefined') {
        ret.error = clone(entity.error);
      }
    
      if (typeof entity.result !== 'undefined') {
        ret.result = clone(entity.result);
      }
    
      return ret;
    }
  },
  'resultMapper-jobs_4000': function(PolymorphicRef, parseDate) {
    // compiled mapper for entity Job
    return function(result) {
      const ret = {};
      const mapped = {};
      if (typeof result.id !== 'undefined') {
        ret.id = result.id;
        mapped.id = true;
      }
      if (typeof result.type !== 'undefined') {
        ret.type = result.type;
        mapped.type = true;
      }
      if (typeof result.data !== 'undefined') {
        ret.data = result.data;
        mapped.data = true;
      }
      if (typeof result.status !== 'undefined') {
        ret.status = result.status;
        mapped.status = true;
      }
      if (typeof result.attempts !== 'undefined') {
        ret.attempts = result.attempts;
        mapped.attempts = true;
      }
      if (typeof result.max_attempts !== 'undefined') {
        ret.maxAttempts = result.max_attempts;
        mapped.max_attempts = true;
      }
      if (typeof result.owner_id !== 'undefined') {
        ret.ownerId = result.owner_id;
        mapped.owner_id = true;
      }
      if (typeof result.created_at !== 'undefined') {
        if (result.created_at == null || result.created_at instanceof Date) {
          ret.createdAt = result.created_at;
        } else if (typeof result.created_at === 'bigint') {
          ret.createdAt = parseDate(Number(result.created_at));
        } else if (typeof result.created_at === 'number' || result.created_at.includes('+') || result.created_at.lastIndexOf('-') > 10 || result.created_at.endsWith('Z')) {
          ret.createdAt = parseDate(result.created_at);
        } else {
          ret.createdAt = parseDate(result.created_at + 'Z');
        }
        mapped.created_at = true;
      }
      if (typeof result.updated_at !== 'undefined') {
        if (result.updated_at == null || result.updated_at instanceof Date) {
          ret.updatedAt = result.updated_at;
        } else if (typeof result.updated_at === 'bigint') {
          ret.updatedAt = parseDate(Number(result.updated_at));
        } else if (typeof result.updated_at === 'number' || result.updated_at.includes('+') || result.updated_at.lastIndexOf('-') > 10 || result.updated_at.endsWith('Z')) {
          ret.updatedAt = parseDate(result.updated_at);
        } else {
          ret.updatedAt = parseDate(result.updated_at + 'Z');
        }
        mapped.updated_at = true;
      }
      if (typeof result.available_at !== 'undefined') {
        if (result.available_at == null || result.available_at instanceof Date) {
          ret.availableAt = result.available_at;
        } else if (typeof result.available_at === 'bigint') {
          ret.availableAt = parseDate(Number(result.available_at));
        } else if (typeof result.available_at === 'number' || result.available_at.includes('+') || result.available_at.lastIndexOf('-') > 10 || result.available_at.endsWith('Z')) {
          ret.availableAt = parseDate(result.available_at);
        } else {
          ret.availableAt = parseDate(result.available_at + 'Z');
        }
        mapped.available_at = true;
      }
      if (typeof result.lease_until !== 'undefined') {
        if (result.lease_until == null || result.lease_until instanceof Date) {
          ret.leaseUntil = result.lease_until;
        } else if (typeof result.lease_until === 'bigint') {
          ret.leaseUntil = parseDate(Number(result.lease_until));
        } else if (typeof result.lease_until === 'number' || result.lease_until.includes('+') || result.lease_until.lastIndexOf('-') > 10 || result.lease_until.endsWith('Z')) {
          ret.leaseUntil = parseDate(result.lease_until);
        } else {
          ret.leaseUntil = parseDate(result.lease_until + 'Z');
        }
        mapped.lease_until = true;
      }
      if (typeof result.error !== 'undefined') {
        ret.error = result.error;
        mapped.error = true;
      }
      if (typeof result.result !== 'undefined') {
        ret.result = result.result;
        mapped.result = true;
      }
      for (let k in result) { if (Object.hasOwn(result, k) && !mapped[k] && ret[k] === undefined) ret[k] = result[k]; }
      return ret;
    }
  },
  'hydrator-jobs_4000-reference-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id) {
    // compiled hydrator for entity Job ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
    }
  },
  'hydrator-jobs_4000-reference-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError, convertToJSValue_id, convertToDatabaseValue_id) {
    // compiled hydrator for entity Job ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.id === null) {
        entity.id = null;
      } else if (typeof data.id !== 'undefined') {
        if (convertCustomTypes) {
          const value = convertToJSValue_id(data.id);
          entity.id = value;
        } else {
          entity.id = data.id;
        }
      }
    }
  },
  'pkGetter-jobs_4000': function(isEntityOrRef) {
    // compiled pk getter for entity Job
    return function(entity) {
      return entity.id;
    }
  },
  'pkGetterConverted-jobs_4000': function(isEntityOrRef, convertToDatabaseValue_id) {
    // compiled pk getter (with converted custom types) for entity Job
    return function(entity) {
      return convertToDatabaseValue_id(entity.id);
    }
  },
  'pkSerializer-jobs_4000': function(isEntityOrRef, getCompositeKeyValue, getPrimaryKeyHash, convertToDatabaseValue_id) {
    // compiled pk serializer for entity Job
    return function(entity) {
      const val_6 = convertToDatabaseValue_id(entity.id);
      return getPrimaryKeyHash(val_6);
    }
  },
  'hydrator-idempotency_keys_8000-full-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError) {
    // compiled hydrator for entity IdempotencyKeyRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.caller === null) {
        entity.caller = null;
      } else if (typeof data.caller !== 'undefined') {
        entity.caller = data.caller;
      }
      if (data.key === null) {
        entity.key = null;
      } else if (typeof data.key !== 'undefined') {
        entity.key = data.key;
      }
      if (data.requestHash === null) {
        entity.requestHash = null;
      } else if (typeof data.requestHash !== 'undefined') {
        entity.requestHash = data.requestHash;
      }
      if (data.token === null) {
        entity.token = null;
      } else if (typeof data.token !== 'undefined') {
        entity.token = data.token;
      }
      if (data.createdAt === null) {
        entity.createdAt = null;
      } else if (typeof data.createdAt !== 'undefined') {
        if (data.createdAt instanceof Date) {
          entity.createdAt = data.createdAt;
        } else if (typeof data.createdAt === 'number' || data.createdAt.includes('+') || data.createdAt.lastIndexOf('-') > 10 || data.createdAt.endsWith('Z')) {
          entity.createdAt = new Date(data.createdAt);
        } else {
          entity.createdAt = new Date(data.createdAt + 'Z');
        }
      }
      if (data.leaseUntil === null) {
        entity.leaseUntil = null;
      } else if (typeof data.leaseUntil !== 'undefined') {
        if (data.leaseUntil instanceof Date) {
          entity.leaseUntil = data.leaseUntil;
        } else if (typeof data.leaseUntil === 'number' || data.leaseUntil.includes('+') || data.leaseUntil.lastIndexOf('-') > 10 || data.leaseUntil.endsWith('Z')) {
          entity.leaseUntil = new Date(data.leaseUntil);
        } else {
          entity.leaseUntil = new Date(data.leaseUntil + 'Z');
        }
      }
      if (data.expiresAt === null) {
        entity.expiresAt = null;
      } else if (typeof data.expiresAt !== 'undefined') {
        if (data.expiresAt instanceof Date) {
          entity.expiresAt = data.expiresAt;
        } else if (typeof data.expiresAt === 'number' || data.expiresAt.includes('+') || data.expiresAt.lastIndexOf('-') > 10 || data.expiresAt.endsWith('Z')) {
          entity.expiresAt = new Date(data.expiresAt);
        } else {
          entity.expiresAt = new Date(data.expiresAt + 'Z');
        }
      }
      if (data.responseStatus === null) {
        entity.responseStatus = null;
      } else if (typeof data.responseStatus !== 'undefined') {
        entity.responseStatus = data.responseStatus;
      }
      if (data.responseHeaders === null) {
        entity.responseHeaders = null;
      } else if (typeof data.responseHeaders !== 'undefined') {
        entity.responseHeaders = data.responseHeaders;
      }
      if (data.responseBody === null) {
        entity.responseBody = null;
      } else if (typeof data.responseBody !== 'undefined') {
        entity.responseBody = data.responseBody;
      }
    }
  },
  'hydrator-idempotency_keys_8000-full-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError) {
    // compiled hydrator for entity IdempotencyKeyRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.caller === null) {
        entity.caller = null;
      } else if (typeof data.caller !== 'undefined') {
        entity.caller = data.caller;
      }
      if (data.key === null) {
        entity.key = null;
      } else if (typeof data.key !== 'undefined') {
        entity.key = data.key;
      }
      if (data.requestHash === null) {
        entity.requestHash = null;
      } else if (typeof data.requestHash !== 'undefined') {
        entity.requestHash = data.requestHash;
      }
      if (data.token === null) {
        entity.token = null;
      } else if (typeof data.token !== 'undefined') {
        entity.token = data.token;
      }
      if (data.createdAt === null) {
        entity.createdAt = null;
      } else if (typeof data.createdAt !== 'undefined') {
        if (data.createdAt instanceof Date) {
          entity.createdAt = data.createdAt;
        } else if (typeof data.createdAt === 'number' || data.createdAt.includes('+') || data.createdAt.lastIndexOf('-') > 10 || data.createdAt.endsWith('Z')) {
          entity.createdAt = new Date(data.createdAt);
        } else {
          entity.createdAt = new Date(data.createdAt + 'Z');
        }
      }
      if (data.leaseUntil === null) {
        entity.leaseUntil = null;
      } else if (typeof data.leaseUntil !== 'undefined') {
        if (data.leaseUntil instanceof Date) {
          entity.leaseUntil = data.leaseUntil;
        } else if (typeof data.leaseUntil === 'number' || data.leaseUntil.includes('+') || data.leaseUntil.lastIndexOf('-') > 10 || data.leaseUntil.endsWith('Z')) {
          entity.leaseUntil = new Date(data.leaseUntil);
        } else {
          entity.leaseUntil = new Date(data.leaseUntil + 'Z');
        }
      }
      if (data.expiresAt === null) {
        entity.expiresAt = null;
      } else if (typeof data.expiresAt !== 'undefined') {
        if (data.expiresAt instanceof Date) {
          entity.expiresAt = data.expiresAt;
        } else if (typeof data.expiresAt === 'number' || data.expiresAt.includes('+') || data.expiresAt.lastIndexOf('-') > 10 || data.expiresAt.endsWith('Z')) {
          entity.expiresAt = new Date(data.expiresAt);
        } else {
          entity.expiresAt = new Date(data.expiresAt + 'Z');
        }
      }
      if (data.responseStatus === null) {
        entity.responseStatus = null;
      } else if (typeof data.responseStatus !== 'undefined') {
        entity.responseStatus = data.responseStatus;
      }
      if (data.responseHeaders === null) {
        entity.responseHeaders = null;
      } else if (typeof data.responseHeaders !== 'undefined') {
        entity.responseHeaders = data.responseHeaders;
      }
      if (data.responseBody === null) {
        entity.responseBody = null;
      } else if (typeof data.responseBody !== 'undefined') {
        entity.responseBody = data.responseBody;
      }
    }
  },
  'comparator-idempotency_keys_8000': function(compareArrays, compareBooleans, compareBuffers, compareObjects, equals) {
    // compiled comparator for entity IdempotencyKeyRow
    return function(last, current, options) {
      const diff = {};
      if (current.caller === null && last.caller === undefined) {
        diff.caller = current.caller;
      } else if (current.caller == null && last.caller == null) {
    
      } else if ((current.caller != null && last.caller == null) || (current.caller == null && last.caller != null)) {
        diff.caller = current.caller;
      } else if (!equals(last.caller, current.caller)) {
        diff.caller = current.caller;
      }
    
      if (current.key === null && last.key === undefined) {
        diff.key = current.key;
      } else if (current.key == null && last.key == null) {
    
      } else if ((current.key != null && last.key == null) || (current.key == null && last.key != null)) {
        diff.key = current.key;
      } else if (!equals(last.key, current.key)) {
        diff.key = current.key;
      }
    
      if (current.requestHash === null && last.requestHash === undefined) {
        diff.requestHash = current.requestHash;
      } else if (current.requestHash == null && last.requestHash == null) {
    
      } else if ((current.requestHash != null && last.requestHash == null) || (current.requestHash == null && last.requestHash != null)) {
        diff.requestHash = current.requestHash;
      } else if (!equals(last.requestHash, current.requestHash)) {
        diff.requestHash = current.requestHash;
      }
    
      if (current.token === null && last.token === undefined) {
        diff.token = current.token;
      } else if (current.token == null && last.token == null) {
    
      } else if ((current.token != null && last.token == null) || (current.token == null && last.token != null)) {
        diff.token = current.token;
      } else if (!equals(last.token, current.token)) {
        diff.token = current.token;
      }
    
      if (current.createdAt === null && last.createdAt === undefined) {
        diff.createdAt = current.createdAt;
      } else if (current.createdAt == null && last.createdAt == null) {
    
      } else if ((current.createdAt != null && last.createdAt == null) || (current.createdAt == null && last.createdAt != null)) {
        diff.createdAt = current.createdAt;
      } else if (last.createdAt.valueOf() !== current.createdAt.valueOf()) {
        diff.createdAt = current.createdAt;
      }
    
      if (current.leaseUntil === null && last.leaseUntil === undefined) {
        diff.leaseUntil = current.leaseUntil;
      } else if (current.leaseUntil == null && last.leaseUntil == null) {
    
      } else if ((current.leaseUntil != null && last.leaseUntil == null) || (current.leaseUntil == null && last.leaseUntil != null)) {
        diff.leaseUntil = current.leaseUntil;
      } else if (last.leaseUntil.valueOf() !== current.leaseUntil.valueOf()) {
        diff.leaseUntil = current.leaseUntil;
      }
    
      if (current.expiresAt === null && last.expiresAt === undefined) {
        diff.expiresAt = current.expiresAt;
      } else if (current.expiresAt == null && last.expiresAt == null) {
    
      } else if ((current.expiresAt != null && last.expiresAt == null) || (current.expiresAt == null && last.expiresAt != null)) {
        diff.expiresAt = current.expiresAt;
      } else if (last.expiresAt.valueOf() !== current.expiresAt.valueOf()) {
        diff.expiresAt = current.expiresAt;
      }
    
      if (current.responseStatus === null && last.responseStatus === undefined) {
        diff.responseStatus = current.responseStatus;
      } else if (current.responseStatus == null && last.responseStatus == null) {
    
      } else if ((current.responseStatus != null && last.responseStatus == null) || (current.responseStatus == null && last.responseStatus != null)) {
        diff.responseStatus = current.responseStatus;
      } else if (!equals(last.responseStatus, current.responseStatus)) {
        diff.responseStatus = current.responseStatus;
      }
    
      if (current.responseHeaders === null && last.responseHeaders === undefined) {
        diff.responseHeaders = current.responseHeaders;
      } else if (current.responseHeaders == null && last.responseHeaders == null) {
    
      } else if ((current.responseHeaders != null && last.responseHeaders == null) || (current.responseHeaders == null && last.responseHeaders != null)) {
        diff.responseHeaders = current.responseHeaders;
      } else if (!equals(last.responseHeaders, current.responseHeaders)) {
        diff.responseHeaders = current.responseHeaders;
      }
    
      if (current.responseBody === null && last.responseBody === undefined) {
        diff.responseBody = current.responseBody;
      } else if (current.responseBody == null && last.responseBody == null) {
    
      } else if ((current.responseBody != null && last.responseBody == null) || (current.responseBody == null && last.responseBody != null)) {
        diff.responseBody = current.responseBody;
      } else if (!equals(last.responseBody, current.responseBody)) {
        diff.responseBody = current.responseBody;
      }
    
    if (options?.includeInverseSides) {
    }
      return diff;
    }
  },
  'snapshotGenerator-idempotency_keys_8000': function(clone, cloneEmbeddable, processDateProperty) {
    return function(entity) {
      const ret = {};
      if (typeof entity.caller !== 'undefined') {
        ret.caller = clone(entity.caller);
      }
    
      if (typeof entity.key !== 'undefined') {
        ret.key = clone(entity.key);
      }
    
      if (typeof entity.requestHash !== 'undefined') {
        ret.requestHash = clone(entity.requestHash);
      }
    
      if (typeof entity.token !== 'undefined') {
        ret.token = clone(entity.token);
      }
    
      if (typeof entity.createdAt !== 'undefined') {
        ret.createdAt = clone(processDateProperty(entity.createdAt));
      }
    
      if (typeof entity.leaseUntil !== 'undefined') {
        ret.leaseUntil = clone(processDateProperty(entity.leaseUntil));
      }
    
      if (typeof entity.expiresAt !== 'undefined') {
        ret.expiresAt = clone(processDateProperty(entity.expiresAt));
      }
    
      if (typeof entity.responseStatus !== 'undefined') {
        ret.responseStatus = clone(entity.responseStatus);
      }
    
      if (typeof entity.responseHeaders !== 'undefined') {
        ret.responseHeaders = clone(entity.responseHeaders);
      }
    
      if (typeof entity.responseBody !== 'undefined') {
        ret.responseBody = clone(entity.responseBody);
      }
    
      return ret;
    }
  },
  'resultMapper-idempotency_keys_8000': function(PolymorphicRef, parseDate) {
    // compiled mapper for entity IdempotencyKeyRow
    return function(result) {
      const ret = {};
      const mapped = {};
      if (typeof result.caller !== 'undefined') {
        ret.caller = result.caller;
        mapped.caller = true;
      }
      if (typeof result.key !== 'undefined') {
        ret.key = result.key;
        mapped.key = true;
      }
      if (typeof result.request_hash !== 'undefined') {
        ret.requestHash = result.request_hash;
        mapped.request_hash = true;
      }
      if (typeof result.token !== 'undefined') {
        ret.token = result.token;
        mapped.token = true;
      }
      if (typeof result.created_at !== 'undefined') {
        if (result.created_at == null || result.created_at instanceof Date) {
          ret.createdAt = result.created_at;
        } else if (typeof result.created_at === 'bigint') {
          ret.createdAt = parseDate(Number(result.created_at));
        } else if (typeof result.created_at === 'number' || result.created_at.includes('+') || result.created_at.lastIndexOf('-') > 10 || result.created_at.endsWith('Z')) {
          ret.createdAt = parseDate(result.created_at);
        } else {
          ret.createdAt = parseDate(result.created_at + 'Z');
        }
        mapped.created_at = true;
      }
      if (typeof result.lease_until !== 'undefined') {
        if (result.lease_until == null || result.lease_until instanceof Date) {
          ret.leaseUntil = result.lease_until;
        } else if (typeof result.lease_until === 'bigint') {
          ret.leaseUntil = parseDate(Number(result.lease_until));
        } else if (typeof result.lease_until === 'number' || result.lease_until.includes('+') || result.lease_until.lastIndexOf('-') > 10 || result.lease_until.endsWith('Z')) {
          ret.leaseUntil = parseDate(result.lease_until);
        } else {
          ret.leaseUntil = parseDate(result.lease_until + 'Z');
        }
        mapped.lease_until = true;
      }
      if (typeof result.expires_at !== 'undefined') {
        if (result.expires_at == null || result.expires_at instanceof Date) {
          ret.expiresAt = result.expires_at;
        } else if (typeof result.expires_at === 'bigint') {
          ret.expiresAt = parseDate(Number(result.expires_at));
        } else if (typeof result.expires_at === 'number' || result.expires_at.includes('+') || result.expires_at.lastIndexOf('-') > 10 || result.expires_at.endsWith('Z')) {
          ret.expiresAt = parseDate(result.expires_at);
        } else {
          ret.expiresAt = parseDate(result.expires_at + 'Z');
        }
        mapped.expires_at = true;
      }
      if (typeof result.response_status !== 'undefined') {
        ret.responseStatus = result.response_status;
        mapped.response_status = true;
      }
      if (typeof result.response_headers !== 'undefined') {
        ret.responseHeaders = result.response_headers;
        mapped.response_headers = true;
      }
      if (typeof result.response_body !== 'undefined') {
        ret.responseBody = result.response_body;
        mapped.response_body = true;
      }
      for (let k in result) { if (Object.hasOwn(result, k) && !mapped[k] && ret[k] === undefined) ret[k] = result[k]; }
      return ret;
    }
  },
  'hydrator-idempotency_keys_8000-reference-false': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError) {
    // compiled hydrator for entity IdempotencyKeyRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.caller === null) {
        entity.caller = null;
      } else if (typeof data.caller !== 'undefined') {
        entity.caller = data.caller;
      }
      if (data.key === null) {
        entity.key = null;
      } else if (typeof data.key !== 'undefined') {
        entity.key = data.key;
      }
    }
  },
  'hydrator-idempotency_keys_8000-reference-true': function(isPrimaryKey, isEntity, isScalarReference, Collection, Reference, PolymorphicRef, ValidationError) {
    // compiled hydrator for entity IdempotencyKeyRow ( normalized)
    return function(entity, data, factory, newEntity, convertCustomTypes, schema, parentSchema, normalizeAccessors) {
      if (data.caller === null) {
        entity.caller = null;
      } else if (typeof data.caller !== 'undefined') {
        entity.caller = data.caller;
      }
      if (data.key === null) {
        entity.key = null;
      } else if (typeof data.key !== 'undefined') {
        entity.key = data.key;
      }
    }
  },
  'pkGetter-idempotency_keys_8000': function(isEntityOrRef) {
    // compiled pk getter for entity IdempotencyKeyRow
    return function(entity) {
      const cond = {
        caller: entity.caller,
        key: entity.key,
      };
      if (cond.caller == null || cond.key == null) return null;
      return cond;
    }
  },
  'pkGetterConverted-idempotency_keys_8000': function(isEntityOrRef) {
    // compiled pk getter (with converted custom types) for entity IdempotencyKeyRow
    return function(entity) {
      const cond = {
        caller: entity.caller,
        key: entity.key,
      };
      if (cond.caller == null || cond.key == null) return null;
      return cond;
    }
  },
  'pkSerializer-idempotency_keys_8000': function(isEntityOrRef, getCompositeKeyValue, getPrimaryKeyHash) {
    // compiled pk serializer for entity IdempotencyKeyRow
    return function(entity) {
      const pks = entity.__helper.__pk ? getCompositeKeyValue(entity.__helper.__pk) : [
        entity.caller,
        entity.key,
      ];
      return pks.join('~~~');
    }
  }
};
