"""Reference for bench/certs: the same work as @magnum-ts/certs, done the way Magnum does it
(Python `cryptography`, OpenSSL underneath). Written for this benchmark.

Usage: python3 magnum_x509.py CSR_FILE
Then, per line on stdin, one of
  ca          CA + conductor client certificate, both keys encrypted (cluster create)
  csr         CSR signing, loading the encrypted CA key each time (Magnum's API)
  csr-loaded  CSR signing with the CA key in memory
runs that work once and answers with the milliseconds it took. The first line it prints is
a JSON header with the library versions.
"""

import datetime
import json
import secrets
import sys
import time
import uuid

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ALLOWED = {
    x509.KeyUsage,
    x509.ExtendedKeyUsage,
    x509.SubjectAlternativeName,
    x509.BasicConstraints,
    x509.SubjectKeyIdentifier,
}


def window():
    now = datetime.datetime.now(datetime.timezone.utc)
    return now - datetime.timedelta(days=1), now + datetime.timedelta(days=1825)


def encrypt(key):
    passphrase = secrets.token_urlsafe(24).encode()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )
    return pem, passphrase


def build(subject, issuer, public_key, signing_key, issuer_key_id, extensions):
    not_before, not_after = window()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(uuid.uuid4().int)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
    )
    for ext, critical in extensions:
        builder = builder.add_extension(ext, critical=critical)
    builder = builder.add_extension(
        x509.AuthorityKeyIdentifier(issuer_key_id, None, None), critical=False
    )
    return builder.sign(signing_key, hashes.SHA256())


def key_usage(**flags):
    names = [
        "digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
        "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only",
    ]
    return x509.KeyUsage(**{n: flags.get(n, False) for n in names})


def ca_and_conductor():
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bench-cluster")])
    ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca = build(name, name, ca_key.public_key(), ca_key, ski.digest, [
        (x509.BasicConstraints(ca=True, path_length=0), True),
        (key_usage(key_cert_sign=True, crl_sign=True), True),
        (ski, False),
    ])
    ca_pem = ca.public_bytes(serialization.Encoding.PEM)
    encrypt(ca_key)
    client_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "system:masters"),
        x509.NameAttribute(NameOID.COMMON_NAME, "admin"),
    ])
    client = build(subject, name, client_key.public_key(), ca_key, ski.digest, [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (key_usage(digital_signature=True, key_encipherment=True), True),
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False),
        (x509.SubjectKeyIdentifier.from_public_key(client_key.public_key()), False),
    ])
    client.public_bytes(serialization.Encoding.PEM)
    encrypt(client_key)
    return ca_pem, ca_key


def filter_extensions(extensions):
    kept = []
    for ext in extensions:
        if type(ext.value) not in ALLOWED:
            if ext.critical:
                raise ValueError("disallowed critical extension %s" % ext.oid)
            continue
        value = ext.value
        if isinstance(value, x509.KeyUsage):
            value = key_usage(
                digital_signature=value.digital_signature,
                key_encipherment=value.key_encipherment,
                content_commitment=value.content_commitment,
            )
        elif isinstance(value, x509.BasicConstraints):
            value = x509.BasicConstraints(ca=False, path_length=None)
        kept.append((value, ext.critical))
    return kept


def sign_csr(ca_pem, encrypted_key, passphrase, csr_pem, loaded_key=None):
    ca_key = loaded_key or serialization.load_pem_private_key(encrypted_key, passphrase)
    ca = x509.load_pem_x509_certificate(ca_pem)
    csr = x509.load_pem_x509_csr(csr_pem)
    if not csr.is_signature_valid:
        raise ValueError("bad CSR signature")
    extensions = filter_extensions(csr.extensions)
    if not any(isinstance(v, x509.BasicConstraints) for v, _ in extensions):
        extensions.insert(0, (x509.BasicConstraints(ca=False, path_length=None), True))
    if not any(isinstance(v, x509.SubjectKeyIdentifier) for v, _ in extensions):
        extensions.append((x509.SubjectKeyIdentifier.from_public_key(csr.public_key()), False))
    ca_ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    cert = build(csr.subject, ca.subject, csr.public_key(), ca_key, ca_ski, extensions)
    return cert.public_bytes(serialization.Encoding.PEM)


def main():
    import cryptography
    from cryptography.hazmat.backends.openssl.backend import backend

    csr_pem = open(sys.argv[1], "rb").read()
    ca_pem, ca_key = ca_and_conductor()
    encrypted, passphrase = encrypt(ca_key)
    sign_csr(ca_pem, encrypted, passphrase, csr_pem)  # proof it works, and warm-up
    work = {
        "ca": ca_and_conductor,
        "csr": lambda: sign_csr(ca_pem, encrypted, passphrase, csr_pem),
        "csr-loaded": lambda: sign_csr(ca_pem, encrypted, passphrase, csr_pem, ca_key),
    }
    header = {"cryptography": cryptography.__version__, "openssl": backend.openssl_version_text()}
    print(json.dumps(header), flush=True)
    for line in sys.stdin:
        fn = work[line.strip()]
        start = time.perf_counter()
        fn()
        print((time.perf_counter() - start) * 1000, flush=True)


if __name__ == "__main__":
    main()
