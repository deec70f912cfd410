extension LanguageCorpus {
    /// Model-style answers (several sentences, Markdown, code, URLs, product names), written
    /// after the profiles were frozen: a held-out check that detection works on outputs.
    static let answers: [(code: String, sentences: [String])] = [
        (
            "en",
            [
                """
                Sure! To download your invoices:
                1. Go to **Billing > Invoices**.
                2. Click the PDF icon next to the invoice you need.
                If you don't see it, make sure you have the Billing Admin role.
                """,
                """
                You can paginate with the `cursor` parameter:
                ```js
                const res = await fetch(url + '?cursor=' + next);
                ```
                Keep requesting until the response has no `next_cursor`.
                """,
                "Refunds are issued within 5–7 business days to the original payment method. "
                    + "See https://acme.cloud/docs/refunds for details.",
            ]
        ),
        (
            "es",
            [
                """
                ¡Claro! Para descargar tus facturas:
                1. Ve a **Facturación > Facturas**.
                2. Haz clic en el icono PDF junto a la factura que necesitas.
                Si no lo ves, comprueba que tienes el rol de administrador de facturación.
                """,
                """
                Puedes paginar con el parámetro `cursor`:
                ```js
                const res = await fetch(url + '?cursor=' + next);
                ```
                Sigue pidiendo páginas hasta que la respuesta no incluya `next_cursor`.
                """,
                "Los reembolsos se emiten en un plazo de 5 a 7 días hábiles al método de pago "
                    + "original. Consulta https://acme.cloud/docs/refunds para más detalles.",
            ]
        ),
        (
            "fr",
            [
                """
                Bien sûr ! Pour télécharger vos factures :
                1. Allez dans **Facturation > Factures**.
                2. Cliquez sur l'icône PDF à côté de la facture souhaitée.
                Si vous ne la voyez pas, vérifiez que vous avez le rôle d'administrateur.
                """,
                """
                Vous pouvez paginer avec le paramètre `cursor` :
                ```js
                const res = await fetch(url + '?cursor=' + next);
                ```
                Continuez tant que la réponse contient un `next_cursor`.
                """,
                "Les remboursements sont effectués sous 5 à 7 jours ouvrés sur le moyen de "
                    + "paiement d'origine. Voir https://acme.cloud/docs/refunds.",
            ]
        ),
        (
            "de",
            [
                """
                Gerne! So laden Sie Ihre Rechnungen herunter:
                1. Öffnen Sie **Abrechnung > Rechnungen**.
                2. Klicken Sie neben der gewünschten Rechnung auf das PDF-Symbol.
                Falls Sie es nicht sehen, prüfen Sie, ob Sie die Rolle Billing Admin haben.
                """,
                """
                Sie können mit dem Parameter `cursor` blättern:
                ```js
                const res = await fetch(url + '?cursor=' + next);
                ```
                Fragen Sie weitere Seiten ab, bis die Antwort keinen `next_cursor` mehr enthält.
                """,
                "Erstattungen werden innerhalb von 5–7 Werktagen auf die ursprüngliche "
                    + "Zahlungsmethode gebucht. Details unter https://acme.cloud/docs/refunds.",
            ]
        ),
        (
            "pt",
            [
                """
                Claro! Para baixar suas faturas:
                1. Acesse **Cobrança > Faturas**.
                2. Clique no ícone PDF ao lado da fatura desejada.
                Se não aparecer, verifique se você tem a função de administrador de cobrança.
                """,
                """
                Você pode paginar com o parâmetro `cursor`:
                ```js
                const res = await fetch(url + '?cursor=' + next);
                ```
                Continue pedindo páginas até que a resposta não traga `next_cursor`.
                """,
                "Os reembolsos são feitos em 5 a 7 dias úteis no método de pagamento original. "
                    + "Veja https://acme.cloud/docs/refunds para mais detalhes.",
            ]
        ),
        (
            "it",
            [
                """
                Certo! Per scaricare le fatture:
                1. Vai su **Fatturazione > Fatture**.
                2. Fai clic sull'icona PDF accanto alla fattura che ti serve.
                Se non la vedi, verifica di avere il ruolo di amministratore della fatturazione.
                """,
                """
                Puoi paginare con il parametro `cursor`:
                ```js
                const res = await fetch(url + '?cursor=' + next);
                ```
                Continua a chiedere pagine finché la risposta non contiene più `next_cursor`.
                """,
                "I rimborsi vengono emessi entro 5-7 giorni lavorativi sul metodo di pagamento "
                    + "originale. Dettagli su https://acme.cloud/docs/refunds.",
            ]
        ),
        (
            "nl",
            [
                """
                Natuurlijk! Zo download je je facturen:
                1. Ga naar **Facturering > Facturen**.
                2. Klik op het PDF-pictogram naast de factuur die je nodig hebt.
                Zie je het niet, controleer dan of je de rol Billing Admin hebt.
                """,
                "Terugbetalingen worden binnen 5 tot 7 werkdagen teruggestort op de "
                    + "oorspronkelijke betaalmethode. Zie https://acme.cloud/docs/refunds.",
            ]
        ),
        (
            "sv",
            [
                """
                Självklart! Så här laddar du ner dina fakturor:
                1. Gå till **Fakturering > Fakturor**.
                2. Klicka på PDF-ikonen bredvid fakturan du behöver.
                Om du inte ser den, kontrollera att du har rollen Billing Admin.
                """,
                "Återbetalningar görs inom 5–7 arbetsdagar till den ursprungliga "
                    + "betalningsmetoden. Se https://acme.cloud/docs/refunds.",
            ]
        ),
        (
            "pl",
            [
                """
                Oczywiście! Aby pobrać faktury:
                1. Przejdź do **Rozliczenia > Faktury**.
                2. Kliknij ikonę PDF obok potrzebnej faktury.
                Jeśli jej nie widzisz, sprawdź, czy masz rolę administratora rozliczeń.
                """,
                "Zwroty są realizowane w ciągu 5–7 dni roboczych na pierwotną metodę płatności.",
            ]
        ),
        (
            "tr",
            [
                """
                Tabii! Faturalarınızı indirmek için:
                1. **Faturalandırma > Faturalar** bölümüne gidin.
                2. İhtiyacınız olan faturanın yanındaki PDF simgesine tıklayın.
                Göremiyorsanız faturalandırma yöneticisi rolünüz olduğundan emin olun.
                """,
                "İadeler, 5–7 iş günü içinde orijinal ödeme yönteminize yapılır.",
            ]
        ),
        (
            "ru",
            [
                """
                Конечно! Чтобы скачать счета:
                1. Откройте **Оплата > Счета**.
                2. Нажмите на значок PDF рядом с нужным счётом.
                Если вы его не видите, проверьте, есть ли у вас роль администратора.
                """,
                "Возврат средств выполняется в течение 5–7 рабочих дней на исходный способ оплаты.",
            ]
        ),
        (
            "ja",
            [
                """
                請求書をダウンロードするには：
                1. **請求 > 請求書** を開きます。
                2. 必要な請求書の横にある PDF アイコンをクリックします。
                表示されない場合は、Billing Admin ロールがあるか確認してください。
                """,
                "返金は5〜7営業日以内に元のお支払い方法に返金されます。詳しくは https://acme.cloud/docs/refunds をご覧ください。",
            ]
        ),
        (
            "zh",
            [
                """
                下载发票的方法：
                1. 打开 **账单 > 发票**。
                2. 点击所需发票旁边的 PDF 图标。
                如果看不到，请确认您拥有 Billing Admin 角色。
                """,
                "退款将在 5–7 个工作日内退回到原支付方式。详情请见 https://acme.cloud/docs/refunds。",
            ]
        ),
    ]
}
