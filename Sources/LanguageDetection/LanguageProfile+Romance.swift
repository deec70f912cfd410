// Profiles of the Romance languages: Spanish, French, Portuguese, Italian, Romanian.
extension LanguageProfile {
    static let spanish = LanguageProfile(
        code: "es",
        words: """
            de la que el en y a los se del las un por con no una su para es al lo como más pero
            sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde
            quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto
            mí antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada
            muchos cual poco ella estar estas algunas algo nosotros mi mis tú te ti tu tus usted
            ustedes vosotros os cómo dónde cuándo cuál cuáles cuánto cuánta quién puedo puede
            pueden podemos quiero necesito tengo tiene tienen hacer hago hace está están estoy
            son fue ser sido hola gracias favor contraseña cuenta factura facturas descargar
            datos pago pagos tarjeta clave claves correo electrónico equipo compañero restablecer
            restablezco cambiar exportar ayuda problema usuario suscripción reembolso
            configuración ajustes mes último pasado cancelar iniciar sesión activar invito
            invitar rotar funciona falla pasa ocurre aceptan aceptamos descuento métodos
            autenticación dos factores guardan conservan cuánto tiempo límite solicitudes ahí
            aquí luego después entonces ahora hoy otra vez nuevo nueva crear eliminar borrar
            añadir agregar encontrar obtener ir abrir haga clic seleccione menú bajo vía
            seguridad pregunta respuesta tu su sus mío nuestro nuestra
            nunca siempre solo sólo quizás vez todavía aún recibir recibió recibí enviar envió
            intentar mostrar muestra equivocado correcto nuestra nuestros nuestras alguien nadie
            cada mismo misma
            abre pulsa haz ve selecciona elige escribe introduce copia pega guarda revisa
            comprueba verifica toca
            """,
        trigrams: """
            _de de_ _la la_ _el el_ _qu que ue_ _en en_ _lo los os_ _co con on_ _es es_ ión ció
            aci ón_ ar_ er_ ir_ _pu pue ued _pa par ara ra_ _se _re res _mi mi_ _su ado ada do_
            da_ ent nte te_ _un una _al ien _tr _po por or_ _ha _me as_ men _ca ién _nu nue _cu
            cue uen est sta ta_ _di ónd nde _pr _no no_ _si _y_ ez_ _ve _ob ble _ll lla llo _ac
            _có cóm ómo _dó qué _qu ñ ías ía_ _ho _ti tie ien ene _ne nec ces esi ito _ay aye
            mos mo_ _mo eci tas
            """,
        markers: "ñ:5 á:0.8 é:0.3 í:0.8 ó:0.8 ú:0.8 ü:0.3")

    static let portuguese = LanguageProfile(
        code: "pt",
        words: """
            de a o que e do da em um para é com não uma os no se na por mais as dos como mas
            foi ao ele das tem à seu sua ou ser quando muito há nos já está eu também só pelo
            pela até isso ela entre era depois sem mesmo aos ter seus quem nas me esse eles estão
            você vocês tinha foram essa num nem suas meu minha meus minhas às numa pelos elas
            havia seja qual será nós tenho lhe deles essas esses pelas este fosse dele tu te teu
            tua nosso nossa isto aquele aquilo onde porque quê posso pode podem consigo quero
            preciso fazer faço obrigado obrigada olá oi senha conta fatura faturas baixar dados
            pagamento pagamentos cartão chave chaves equipe usuário reembolso configurações
            exportar redefinir redefino alterar mudar ajuda erro problema assinatura mês último
            cancelar então ainda exportações guardadas quanto tempo limite solicitações aceitam
            métodos desconto autenticação dois fatores ativar ativo convidar colega girar trocar
            funciona falha acontece aqui ali hoje agora novo nova criar excluir apagar adicionar
            encontrar obter ir abrir clique selecione menu segurança pergunta resposta sim
            nunca sempre apenas talvez receber recebeu recebi enviar enviou tentar mostrar
            mostra errado correto nossos nossas alguém ninguém algo nada cada mesma
            abra clique toque acesse vá selecione escolha digite copie cole salve verifique
            confira
            """,
        trigrams: """
            _de de_ _qu que ue_ _do do_ _da da_ _em em_ _pa par ara _co com om_ _nã não ão_ ção
            çõe ões _um uma ma_ _os os_ _se _re nte ent _po pos oss sso _es est _me _mi min inh
            nha nho lha lho _ma _ca _fa ar_ er_ ir_ ado ada _ve _ta _te am_ ém_ _vo voc ocê cê_
            ica _pr _no _ou ou_ eu_ meu _nh ção açã nh_ _se sen enh _ch cha hav ave _vo ões
            _ad _ob _gu qua uan _fe
            """,
        markers: "ã:5 õ:5 ç:1.5 â:1 ê:1.5 ô:1.5 á:0.8 é:0.4 í:0.6 ó:0.6 ú:0.6 à:0.8")

    static let french = LanguageProfile(
        code: "fr",
        words: """
            de la le et les des en un du une que est pour qui dans par plus pas au sur ne se ce
            il sont avec ou mais comme on tout nous aux elle son sa ses je tu vous mon ma mes ton
            ta votre vos notre nos leur leurs cette ces cet y a été être avoir fait faire peut
            puis peux pouvez veux voudrais dois doit comment où quand pourquoi quel quelle quels
            quelles combien est-ce qu' c' l' d' j' n' s' m' t' bonjour merci aide mot passe compte
            facture factures télécharger données paiement paiements carte clé clés courriel
            équipe coéquipier réinitialiser changer modifier exporter erreur problème utilisateur
            abonnement remboursement paramètres réglages mois dernier annuler activer inviter
            collègue faire tourner fonctionne échoue échec arrive passe acceptez moyens
            réduction remise authentification deux facteurs conservés gardés combien temps
            limite requêtes ici là aujourd'hui maintenant encore nouveau nouvelle créer
            supprimer ajouter trouver obtenir aller ouvrir cliquez sélectionnez menu sous via
            sécurité question réponse oui non alors ensuite déjà toujours très bien
            jamais seulement peut-être recevoir reçu envoyer envoyé essayer afficher affiche
            mauvais correct quelqu'un personne rien chaque même
            ouvrez cliquez allez sélectionnez choisissez saisissez copiez collez enregistrez
            vérifiez appuyez
            """,
        trigrams: """
            _de de_ _la la_ _le le_ es_ _les les _et et_ _qu que ue_ ent nt_ _en _pa _pe _po pou
            our ur_ _co _ce _un une ne_ _du du_ _dé ion tio _re re_ _ré _vo vou ous us_ _no _ma
            _mo mon on_ er_ ez_ eux eu_ ait ais _so oir ir_ _tr _fa fai _es est st_ _pl eau _au
            aux _ch _cl _ét _ê oi ois _où _ça ell lle tte ême ète ère _ê eur _pu _je _j' _qu'
            _d' _l' men ent emb omb ien _ai ide tré rés ité té_ ée_ ées
            """,
        markers: "ç:1.5 é:1 è:2 ê:1.5 à:1.2 â:1 î:1 ô:1 û:2 ù:2 ë:1 ï:1 œ:5 ÿ:2")

    static let italian = LanguageProfile(
        code: "it",
        words: """
            di e il la che è per un in del non una a da sono le si con i al della gli come più ma
            lo dei nel alla anche se ha ci o questo mi su ho delle tutto essere mio mia miei mie
            tuo tua suo sua nostro vostro loro cosa dove quando perché quale quali quanto quanti
            posso può possono voglio vorrei devo fare faccio ciao grazie prego aiuto fattura
            fatture scaricare dati pagamento pagamenti carta chiave chiavi squadra collega
            reimpostare cambiare modificare esportare errore problema utente abbonamento rimborso
            impostazioni mese scorso annullare sul sulla nella dalla degli alle agli questa
            questi quello sia stato c' l' d' un' dell' all' nell' sull' dall' mio come
            funziona fallisce succede accettate metodi sconto autenticazione due fattori
            conservate conservati tempo limite richieste qui oggi ora ancora nuovo nuova creare
            eliminare aggiungere trovare ottenere andare aprire clicca seleziona sotto tramite
            sicurezza domanda risposta sì no allora poi già sempre molto bene invitare ruotare
            esportazioni rimangono ruotare vostra vostri vostre lei
            mai solo forse ricevere ricevuto inviare inviato provare mostrare mostra sbagliato
            corretto nostra nostri nostre qualcuno nessuno niente ogni stesso
            apri clicca vai seleziona scegli inserisci copia incolla salva verifica controlla
            tocca
            """,
        trigrams: """
            _di di_ _ch che he_ _il il_ _la la_ _de del el_ ell lla _co con on_ _pe per er_ _un
            _in _no non _pr _es ato ata are _ar _ri _se one ion zio ne_ _gl gli li_ _ne nel _so
            _su _qu _fa re_ ere ire _cu ett tt tti tto to_ ti_ ni_ _mi mio _vo vor _po pos oss
            sso cch cci gn gno ogn _sc sca nto _ca ment nte ent _ho zi_ _ha _pu può _ci cia cio
            ggi _ag ame ssi sse ver _im _ut ute ten _se tor
            """,
        markers: "à:1 è:2 é:0.3 ì:3 ò:3 ù:1.5")

    static let romanian = LanguageProfile(
        code: "ro",
        words: """
            și în de la a pe că cu nu se un o este din care mai sunt pentru ce ca dar sau fost
            al ale lui ei el ea eu tu noi voi mea meu mele mei tău ta tale nostru vostru cum unde
            când care cine cât câte pot poate puteți vreau trebuie am ai are au avea fi bună
            salut mulțumesc vă rog parola parolă parolei contul cont factura facturi facturile
            descărca descarc date datele plată plata plăți card cardul cheie cheia echipă echipa
            coleg resetez resetare schimba schimb exporta export ajutor eroare problemă
            utilizator abonament rambursare setări setările lună luna ultima trecută anula
            activa autentificare doi factori cât timp limită cereri acceptați metode reducere
            aici acum azi încă nou nouă crea șterge adăuga găsi obține merge deschide faceți
            clic selectați meniu sub prin securitate întrebare răspuns da nu apoi deja
            întotdeauna foarte bine invita roti funcționează eșuează întâmplă pentru mă mi îmi
            niciodată mereu doar încă primi primit trimite trimis încerca arăta afișează greșit
            corect noastră noștri cineva nimeni ceva nimic fiecare
            """,
        trigrams: """
            _și și_ _de de_ _la la_ _în în_ _ca _pe pe_ _nu nu_ _cu cu_ _un ul_ lui ui_ ea_ _sa
            _să ră_ are _re _co _pu _ce ce_ _pa _ac ați ți_ ția ște ști eșt _fa ent nt_ ile le_
            ele _ma _mă _pr _pe ilo lor or_ _di din _ai ari rea iei ulu _ve _câ ână ând nd_ _st
            _fi ii_ uri ri_ ăr_ ără _tr _vă ață tă_ _ît
            """,
        markers: "ă:4 â:1.5 î:2 ș:5 ş:3 ț:5 ţ:4")
}
