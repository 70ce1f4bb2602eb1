<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>App</name>
    <message>
        <source>whatdesk cannot start</source>
        <translation>O whatdesk não pôde iniciar</translation>
    </message>
    <message>
        <source>The data folder “{path}” cannot be used.</source>
        <translation>A pasta de dados “{path}” não pode ser usada.</translation>
    </message>
    <message>
        <source>Check the data folder and try again. Nothing was changed.</source>
        <translation>Verifique a pasta de dados e tente de novo. Nada foi alterado.</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Monday</source>
        <translation>Segunda-feira</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Terça-feira</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Quarta-feira</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Quinta-feira</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Sexta-feira</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Domingo</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Nova conexão</translation>
    </message>
    <message>
        <source>Edit connection</source>
        <translation>Editar conexão</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Geral</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
    <message>
        <source>Business hours</source>
        <translation>Horário de atendimento</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>e.g. Sales, Support, Store downtown</source>
        <translation>ex.: Vendas, Suporte, Loja Centro</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Test sandbox</source>
        <translation>Sandbox de testes</translation>
    </message>
    <message>
        <source>The channel cannot be changed after the connection is created.</source>
        <translation>O canal não pode ser mudado depois que a conexão é criada.</translation>
    </message>
    <message>
        <source>Default connection (used to start new conversations)</source>
        <translation>Conexão padrão (usada para iniciar novas conversas)</translation>
    </message>
    <message>
        <source> messages/min</source>
        <translation> mensagens/min</translation>
    </message>
    <message>
        <source>Most messages sent to one contact per minute</source>
        <translation>Máximo de mensagens enviadas a um contato por minuto</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Shortest pause between two messages of this connection</source>
        <translation>Menor pausa entre duas mensagens desta conexão</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Limit per contact</source>
        <translation>Limite por contato</translation>
    </message>
    <message>
        <source>Minimum gap</source>
        <translation>Intervalo mínimo</translation>
    </message>
    <message>
        <source>Sending too fast can get a number blocked by WhatsApp. Messages above these limits wait in the queue; none are lost.</source>
        <translation>Enviar rápido demais pode fazer o WhatsApp bloquear o número. Mensagens acima destes limites esperam na fila; nenhuma se perde.</translation>
    </message>
    <message>
        <source>Welcome flow</source>
        <translation>Fluxo de boas-vindas</translation>
    </message>
    <message>
        <source>Sent when a customer starts a conversation (optional)</source>
        <translation>Enviada quando um cliente inicia uma conversa (opcional)</translation>
    </message>
    <message>
        <source>Sent when a ticket is closed (optional)</source>
        <translation>Enviada quando um atendimento é encerrado (opcional)</translation>
    </message>
    <message>
        <source>Sent outside business hours (optional)</source>
        <translation>Enviada fora do horário de atendimento (opcional)</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>Saudação</translation>
    </message>
    <message>
        <source>Farewell</source>
        <translation>Despedida</translation>
    </message>
    <message>
        <source>Out of hours</source>
        <translation>Fora do horário</translation>
    </message>
    <message>
        <source>Only attend during business hours</source>
        <translation>Atender somente no horário de atendimento</translation>
    </message>
    <message>
        <source>Unchecked: the connection attends at any time</source>
        <translation>Desmarcado: a conexão atende a qualquer hora</translation>
    </message>
    <message>
        <source>Timezone</source>
        <translation>Fuso horário</translation>
    </message>
    <message>
        <source>None: send the greeting and wait for an agent</source>
        <translation>Nenhum: enviar a saudação e aguardar um atendente</translation>
    </message>
    <message>
        <source>(flow not published)</source>
        <translation>(fluxo não publicado)</translation>
    </message>
    <message>
        <source>The chatbot flow every new conversation starts (keyword triggers of other flows come first). Only published flows are listed.</source>
        <translation>O fluxo de chatbot que toda nova conversa inicia (gatilhos por palavra-chave de outros fluxos vêm antes). Só fluxos publicados aparecem aqui.</translation>
    </message>
    <message>
        <source>No chatbot flow is published yet. Until there is one, new conversations get the greeting below and wait for an agent.</source>
        <translation>Nenhum fluxo de chatbot foi publicado ainda. Enquanto não houver um, as novas conversas recebem a saudação abaixo e aguardam um atendente.</translation>
    </message>
    <message>
        <source>Give the connection a name.</source>
        <translation>Dê um nome à conexão.</translation>
    </message>
    <message>
        <source>Unknown timezone. Pick one from the list, e.g. America/Sao_Paulo.</source>
        <translation>Fuso horário desconhecido. Escolha um da lista, ex.: America/Sao_Paulo.</translation>
    </message>
    <message>
        <source>Closing time must be after opening time.</source>
        <translation>O fechamento deve ser depois da abertura.</translation>
    </message>
    <message>
        <source>Open at least one day, or uncheck business hours.</source>
        <translation>Abra pelo menos um dia ou desmarque o horário de atendimento.</translation>
    </message>
</context>
<context>
    <name>ConnectionStatus</name>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Waiting for the QR code to be scanned</source>
        <translation>Aguardando leitura do QR</translation>
    </message>
    <message>
        <source>Waiting for the pairing code on the phone</source>
        <translation>Aguardando o código de pareamento no celular</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <source>The code expired — link again</source>
        <translation>O código expirou — vincule de novo</translation>
    </message>
    <message>
        <source>No internet</source>
        <translation>Sem internet</translation>
    </message>
    <message>
        <source>WhatsApp unreachable</source>
        <translation>WhatsApp inacessível</translation>
    </message>
    <message>
        <source>{head} — trying again now</source>
        <translation>{head} — tentando de novo agora</translation>
    </message>
    <message>
        <source>{head} — retrying in {seconds} s</source>
        <translation>{head} — nova tentativa em {seconds} s</translation>
    </message>
    <message>
        <source>Logged out — link again</source>
        <translation>Conta desconectada — vincule de novo</translation>
    </message>
    <message>
        <source>Unlinked on the phone</source>
        <translation>Desvinculado pelo celular</translation>
    </message>
    <message>
        <source>Not linked yet</source>
        <translation>Ainda não vinculada</translation>
    </message>
    <message>
        <source>No connections yet — add one under Connections</source>
        <translation>Nenhuma conexão ainda — adicione uma em Conexões</translation>
    </message>
    <message>
        <source>1 connection</source>
        <translation>1 conexão</translation>
    </message>
    <message>
        <source>{n} connections</source>
        <translation>{n} conexões</translation>
    </message>
    <message>
        <source>1 connected</source>
        <translation>1 conectada</translation>
    </message>
    <message>
        <source>{n} connected</source>
        <translation>{n} conectada(s)</translation>
    </message>
    <message>
        <source>1 waiting for QR</source>
        <translation>1 aguardando QR</translation>
    </message>
    <message>
        <source>{n} waiting for QR</source>
        <translation>{n} aguardando QR</translation>
    </message>
    <message>
        <source>1 reconnecting</source>
        <translation>1 reconectando</translation>
    </message>
    <message>
        <source>{n} reconnecting</source>
        <translation>{n} reconectando</translation>
    </message>
    <message>
        <source>1 needs a new link</source>
        <translation>1 precisa ser vinculada de novo</translation>
    </message>
    <message>
        <source>{n} need a new link</source>
        <translation>{n} precisa(m) ser vinculada(s) de novo</translation>
    </message>
    <message>
        <source>1 not linked yet</source>
        <translation>1 ainda não vinculada</translation>
    </message>
    <message>
        <source>{n} not linked yet</source>
        <translation>{n} ainda não vinculadas</translation>
    </message>
    <message>
        <source>1 stopped</source>
        <translation>1 parada</translation>
    </message>
    <message>
        <source>{n} stopped</source>
        <translation>{n} parada(s)</translation>
    </message>
    <message>
        <source>{head}: {parts}</source>
        <translation>{head}: {parts}</translation>
    </message>
    <message>
        <source>Test sandbox</source>
        <translation>Sandbox de testes</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
</context>
<context>
    <name>ConnectionsPage</name>
    <message>
        <source>Connections</source>
        <translation>Conexões</translation>
    </message>
    <message>
        <source>WhatsApp accounts this computer serves. Link each one by scanning a QR code with the phone.</source>
        <translation>Contas de WhatsApp atendidas neste computador. Vincule cada uma lendo um QR code com o celular.</translation>
    </message>
    <message>
        <source>No connections yet.
Click “Add connection” to link a WhatsApp account.</source>
        <translation>Nenhuma conexão ainda.
Clique em “Adicionar conexão” para vincular uma conta de WhatsApp.</translation>
    </message>
    <message>
        <source>Add connection</source>
        <translation>Adicionar conexão</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Link by QR code</source>
        <translation>Vincular por QR</translation>
    </message>
    <message>
        <source>Link by phone number</source>
        <translation>Vincular por número</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Desconectar</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Reconectar</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Sair da conta</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Excluir…</translation>
    </message>
    <message>
        <source>Unlink this computer from the WhatsApp account</source>
        <translation>Desvincular este computador da conta de WhatsApp</translation>
    </message>
    <message>
        <source>Stop this connection until you reconnect it</source>
        <translation>Parar esta conexão até você reconectá-la</translation>
    </message>
    <message>
        <source>Connection “{name}” created. Link it to start serving customers.</source>
        <translation>Conexão “{name}” criada. Vincule-a para começar a atender.</translation>
    </message>
    <message>
        <source>Connection “{name}” saved.</source>
        <translation>Conexão “{name}” salva.</translation>
    </message>
    <message>
        <source>“{name}” is connected.</source>
        <translation>“{name}” está conectada.</translation>
    </message>
    <message>
        <source>Log out “{name}” from WhatsApp? You will need to scan a new QR code to use it again.</source>
        <translation>Sair da conta “{name}” no WhatsApp? Para usá-la de novo será preciso ler um novo QR code.</translation>
    </message>
    <message>
        <source>Connection “{name}” deleted, but WhatsApp could not be reached to unlink it: on the phone, open Linked devices and remove this computer.</source>
        <translation>Conexão “{name}” excluída, mas não foi possível falar com o WhatsApp para desvinculá-la: no celular, abra Aparelhos conectados e remova este computador.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation>Excluir conexão</translation>
    </message>
    <message>
        <source>Delete the connection “{name}”? It will be disconnected and removed from this computer.</source>
        <translation>Excluir a conexão “{name}”? Ela será desconectada e removida deste computador.</translation>
    </message>
    <message>
        <source>Also delete its conversations</source>
        <translation>Apagar também as conversas</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Connection “{name}” deleted.</source>
        <translation>Conexão “{name}” excluída.</translation>
    </message>
</context>
<context>
    <name>DetailsExpander</name>
    <message>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Coming soon</source>
        <translation>Em breve</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Atendimentos</translation>
    </message>
    <message>
        <source>Flows</source>
        <translation>Fluxos</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Conexões</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contatos</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Guia do usuário</translation>
    </message>
    <message>
        <source>&amp;About whatdesk</source>
        <translation>&amp;Sobre o whatdesk</translation>
    </message>
    <message>
        <source>The user guide was not found in this installation.</source>
        <translation>O guia do usuário não foi encontrado nesta instalação.</translation>
    </message>
    <message>
        <source>No program could open the user guide ({path}).</source>
        <translation>Nenhum programa conseguiu abrir o guia do usuário ({path}).</translation>
    </message>
    <message>
        <source>About whatdesk</source>
        <translation>Sobre o whatdesk</translation>
    </message>
    <message>
        <source>Serve your WhatsApp customers from one PC: connections, tickets and chatbot flows, all on this computer.</source>
        <translation>Atenda seus clientes do WhatsApp a partir de um PC: conexões, tickets e fluxos de chatbot, tudo neste computador.</translation>
    </message>
    <message>
        <source>1 waiting</source>
        <translation>1 aguardando</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} aguardando</translation>
    </message>
    <message>
        <source>1 unread message</source>
        <translation>1 mensagem não lida</translation>
    </message>
    <message>
        <source>{n} unread messages</source>
        <translation>{n} mensagens não lidas</translation>
    </message>
    <message>
        <source>Show whatdesk</source>
        <translation>Mostrar o whatdesk</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <source>whatdesk — nothing waiting</source>
        <translation>whatdesk — nada aguardando</translation>
    </message>
    <message>
        <source>whatdesk — {unread} unread, {waiting} waiting</source>
        <translation>whatdesk — {unread} não lidas, {waiting} aguardando</translation>
    </message>
    <message>
        <source>whatdesk</source>
        <translation>whatdesk</translation>
    </message>
</context>
<context>
    <name>PairingCodeDialog</name>
    <message>
        <source>Link “{name}” with a phone number</source>
        <translation>Vincular “{name}” com o número de telefone</translation>
    </message>
    <message>
        <source>Type the number of the WhatsApp account to link, with the area code (e.g. +55 11 91234-5678).</source>
        <translation>Digite o número da conta de WhatsApp a vincular, com DDD (ex.: +55 11 91234-5678).</translation>
    </message>
    <message>
        <source>Get code</source>
        <translation>Gerar código</translation>
    </message>
    <message>
        <source>On the phone open &lt;b&gt;WhatsApp › Linked devices › Link a device › Link with phone number instead&lt;/b&gt; and type this code.</source>
        <translation>No celular, abra &lt;b&gt;WhatsApp › Aparelhos conectados › Conectar um aparelho › Conectar com número de telefone&lt;/b&gt; e digite este código.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>This does not look like a valid phone number. Include the area code, e.g. +55 11 91234-5678.</source>
        <translation>Este número de telefone não parece válido. Inclua o DDD, ex.: +55 11 91234-5678.</translation>
    </message>
    <message>
        <source>Asking WhatsApp for a code…</source>
        <translation>Pedindo um código ao WhatsApp…</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>Novo código</translation>
    </message>
    <message>
        <source>Waiting for the code to be typed on the phone…</source>
        <translation>Aguardando o código ser digitado no celular…</translation>
    </message>
    <message>
        <source>Connected! WhatsApp is linked.</source>
        <translation>Conectado! O WhatsApp está vinculado.</translation>
    </message>
    <message>
        <source>The code was not used in time. Ask for a new one.</source>
        <translation>O código não foi usado a tempo. Peça um novo.</translation>
    </message>
</context>
<context>
    <name>QrDialog</name>
    <message>
        <source>Link “{name}” by QR code</source>
        <translation>Vincular “{name}” por QR code</translation>
    </message>
    <message>
        <source>&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;Open &lt;b&gt;WhatsApp&lt;/b&gt; on the phone you want to link.&lt;/li&gt;&lt;li&gt;Tap &lt;b&gt;⋮ Menu&lt;/b&gt; (Android) or &lt;b&gt;Settings&lt;/b&gt; (iPhone), then &lt;b&gt;Linked devices&lt;/b&gt;.&lt;/li&gt;&lt;li&gt;Tap &lt;b&gt;Link a device&lt;/b&gt; and point the phone at this code.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;Abra o &lt;b&gt;WhatsApp&lt;/b&gt; no celular que você quer vincular.&lt;/li&gt;&lt;li&gt;Toque em &lt;b&gt;⋮ Mais opções&lt;/b&gt; (Android) ou &lt;b&gt;Configurações&lt;/b&gt; (iPhone) e depois em &lt;b&gt;Aparelhos conectados&lt;/b&gt;.&lt;/li&gt;&lt;li&gt;Toque em &lt;b&gt;Conectar um aparelho&lt;/b&gt; e aponte o celular para este código.&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>Generating the code…</source>
        <translation>Gerando o código…</translation>
    </message>
    <message>
        <source>Try again now</source>
        <translation>Tentar agora</translation>
    </message>
    <message>
        <source>Generate new code</source>
        <translation>Gerar novo código</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Code read — finishing the link…</source>
        <translation>Código lido — concluindo a vinculação…</translation>
    </message>
    <message>
        <source>Linking was stopped.</source>
        <translation>A vinculação foi interrompida.</translation>
    </message>
    <message>
        <source>Trying again…</source>
        <translation>Tentando de novo…</translation>
    </message>
    <message>
        <source>Trying again in {seconds} s.</source>
        <translation>Nova tentativa em {seconds} s.</translation>
    </message>
    <message>
        <source>The code expires in {seconds} s</source>
        <translation>O código expira em {seconds} s</translation>
    </message>
    <message>
        <source>Waiting for a new code…</source>
        <translation>Aguardando um novo código…</translation>
    </message>
    <message>
        <source>Code expired</source>
        <translation>Código expirado</translation>
    </message>
    <message>
        <source>Connected! WhatsApp is linked.</source>
        <translation>Conectado! O WhatsApp está vinculado.</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <source>Something went wrong.</source>
        <translation>Algo deu errado.</translation>
    </message>
    <message>
        <source>This computer is not connected to the internet.</source>
        <translation>Este computador não está conectado à internet.</translation>
    </message>
    <message>
        <source>WhatsApp could not be reached.</source>
        <translation>Não foi possível alcançar o WhatsApp.</translation>
    </message>
    <message>
        <source>A secure connection to WhatsApp could not be made.</source>
        <translation>Não foi possível abrir uma conexão segura com o WhatsApp.</translation>
    </message>
    <message>
        <source>The connection to WhatsApp was lost.</source>
        <translation>A conexão com o WhatsApp caiu.</translation>
    </message>
    <message>
        <source>WhatsApp stopped responding.</source>
        <translation>O WhatsApp parou de responder.</translation>
    </message>
    <message>
        <source>WhatsApp refused the connection.</source>
        <translation>O WhatsApp recusou a conexão.</translation>
    </message>
    <message>
        <source>WhatsApp is not available right now.</source>
        <translation>O WhatsApp está fora do ar no momento.</translation>
    </message>
    <message>
        <source>Connecting to WhatsApp…</source>
        <translation>Conectando ao WhatsApp…</translation>
    </message>
    <message>
        <source>Trying to connect again…</source>
        <translation>Tentando conectar de novo…</translation>
    </message>
    <message>
        <source>Disconnected by you.</source>
        <translation>Desconectado por você.</translation>
    </message>
    <message>
        <source>Reconnecting, as you asked.</source>
        <translation>Reconectando, como você pediu.</translation>
    </message>
    <message>
        <source>Not linked to a phone yet.</source>
        <translation>Ainda não vinculado a um celular.</translation>
    </message>
    <message>
        <source>Waiting for the QR code to be scanned.</source>
        <translation>Aguardando a leitura do QR code.</translation>
    </message>
    <message>
        <source>Waiting for the code to be typed on the phone.</source>
        <translation>Aguardando o código ser digitado no celular.</translation>
    </message>
    <message>
        <source>Code accepted — finishing the link.</source>
        <translation>Código aceito — concluindo a vinculação.</translation>
    </message>
    <message>
        <source>Nobody scanned the code in time.</source>
        <translation>Ninguém leu o código a tempo.</translation>
    </message>
    <message>
        <source>You logged this connection out.</source>
        <translation>Você desconectou esta conta.</translation>
    </message>
    <message>
        <source>This computer was unlinked on the phone.</source>
        <translation>Este computador foi desvinculado pelo celular.</translation>
    </message>
    <message>
        <source>This WhatsApp account was opened on another computer or app.</source>
        <translation>Esta conta do WhatsApp foi aberta em outro computador ou aplicativo.</translation>
    </message>
    <message>
        <source>WhatsApp has temporarily blocked this number.</source>
        <translation>O WhatsApp bloqueou este número temporariamente.</translation>
    </message>
    <message>
        <source>This version of whatdesk is too old for WhatsApp.</source>
        <translation>Esta versão do whatdesk está desatualizada para o WhatsApp.</translation>
    </message>
    <message>
        <source>The phone could not finish linking.</source>
        <translation>O celular não conseguiu concluir a vinculação.</translation>
    </message>
    <message>
        <source>WhatsApp did not give a code for this number.</source>
        <translation>O WhatsApp não forneceu um código para este número.</translation>
    </message>
    <message>
        <source>WhatsApp is not ready to give a code yet.</source>
        <translation>O WhatsApp ainda não está pronto para gerar um código.</translation>
    </message>
    <message>
        <source>This connection is already linked to a phone.</source>
        <translation>Esta conexão já está vinculada a um celular.</translation>
    </message>
    <message>
        <source>This number does not belong to this connection.</source>
        <translation>Este número não é o desta conexão.</translation>
    </message>
    <message>
        <source>The connections have not started yet.</source>
        <translation>As conexões ainda não foram iniciadas.</translation>
    </message>
    <message>
        <source>The saved WhatsApp session is damaged.</source>
        <translation>A sessão salva do WhatsApp está danificada.</translation>
    </message>
    <message>
        <source>whatdesk could not save its data.</source>
        <translation>O whatdesk não conseguiu salvar seus dados.</translation>
    </message>
    <message>
        <source>Received messages could not be saved, so this connection was stopped.</source>
        <translation>Não foi possível salvar as mensagens recebidas, por isso esta conexão foi parada.</translation>
    </message>
    <message>
        <source>WhatsApp could not be told to unlink this computer.</source>
        <translation>Não foi possível avisar o WhatsApp para desvincular este computador.</translation>
    </message>
    <message>
        <source>The data folder cannot be used.</source>
        <translation>A pasta de dados não pode ser usada.</translation>
    </message>
    <message>
        <source>The database cannot be opened or written.</source>
        <translation>Não é possível abrir ou gravar o banco de dados.</translation>
    </message>
    <message>
        <source>Another connection already has this name.</source>
        <translation>Já existe outra conexão com este nome.</translation>
    </message>
    <message>
        <source>Some of the values are not valid.</source>
        <translation>Alguns valores não são válidos.</translation>
    </message>
    <message>
        <source>whatdesk tries again by itself.</source>
        <translation>O whatdesk tenta de novo sozinho.</translation>
    </message>
    <message>
        <source>Try again. If it keeps happening, send the details below to support.</source>
        <translation>Tente de novo. Se continuar acontecendo, envie os detalhes abaixo ao suporte.</translation>
    </message>
    <message>
        <source>Check the cable or Wi-Fi. whatdesk tries again by itself.</source>
        <translation>Verifique o cabo ou o Wi-Fi. O whatdesk tenta de novo sozinho.</translation>
    </message>
    <message>
        <source>The internet may be down or slow, or a firewall may be blocking WhatsApp. whatdesk tries again by itself.</source>
        <translation>A internet pode estar fora do ar ou lenta, ou um firewall pode estar bloqueando o WhatsApp. O whatdesk tenta de novo sozinho.</translation>
    </message>
    <message>
        <source>Check that this computer&apos;s date and time are right. A proxy or antivirus may be intercepting the connection.</source>
        <translation>Confira se a data e a hora deste computador estão certas. Um proxy ou antivírus pode estar interceptando a conexão.</translation>
    </message>
    <message>
        <source>Link the connection again. If it keeps happening, remove this computer under Linked devices on the phone first.</source>
        <translation>Vincule a conexão de novo. Se continuar acontecendo, remova antes este computador em Aparelhos conectados, no celular.</translation>
    </message>
    <message>
        <source>Choose “Link by QR code” or “Link by phone number”.</source>
        <translation>Escolha “Vincular por QR” ou “Vincular por número”.</translation>
    </message>
    <message>
        <source>Ask for a new code when the phone is at hand.</source>
        <translation>Peça um novo código quando estiver com o celular em mãos.</translation>
    </message>
    <message>
        <source>Link it again to use it.</source>
        <translation>Vincule-a de novo para usá-la.</translation>
    </message>
    <message>
        <source>Close WhatsApp there, then reconnect here.</source>
        <translation>Feche o WhatsApp lá e depois reconecte aqui.</translation>
    </message>
    <message>
        <source>Wait until the block ends (see the details), then reconnect.</source>
        <translation>Aguarde o fim do bloqueio (veja os detalhes) e depois reconecte.</translation>
    </message>
    <message>
        <source>Install the latest version of whatdesk.</source>
        <translation>Instale a versão mais recente do whatdesk.</translation>
    </message>
    <message>
        <source>Try again with a new code.</source>
        <translation>Tente de novo com um novo código.</translation>
    </message>
    <message>
        <source>Check the number, with country and area code, or link by QR code.</source>
        <translation>Confira o número, com código do país e DDD, ou vincule por QR.</translation>
    </message>
    <message>
        <source>Wait a few seconds and ask again.</source>
        <translation>Aguarde alguns segundos e peça de novo.</translation>
    </message>
    <message>
        <source>Log it out first to link another number.</source>
        <translation>Desconecte a conta antes de vincular outro número.</translation>
    </message>
    <message>
        <source>Type the number of the WhatsApp account you are linking.</source>
        <translation>Digite o número da conta do WhatsApp que você está vinculando.</translation>
    </message>
    <message>
        <source>Wait a moment and try again.</source>
        <translation>Aguarde um instante e tente de novo.</translation>
    </message>
    <message>
        <source>Log the connection out and link it again.</source>
        <translation>Desconecte a conta e vincule-a de novo.</translation>
    </message>
    <message>
        <source>Check that the disk is not full and that the data folder can be written.</source>
        <translation>Verifique se o disco não está cheio e se a pasta de dados permite gravação.</translation>
    </message>
    <message>
        <source>Nothing is lost: WhatsApp keeps the messages. Free disk space or check the database; whatdesk reconnects by itself once saving works again.</source>
        <translation>Nada se perde: o WhatsApp guarda as mensagens. Libere espaço em disco ou verifique o banco de dados; o whatdesk reconecta sozinho assim que voltar a salvar.</translation>
    </message>
    <message>
        <source>The session was kept. Check the internet and log out again, or remove this computer under Linked devices on the phone.</source>
        <translation>A sessão foi mantida. Verifique a internet e desconecte de novo, ou remova este computador em Aparelhos conectados no celular.</translation>
    </message>
    <message>
        <source>Choose another folder with --data-dir or WHATDESK_DATA_DIR.</source>
        <translation>Escolha outra pasta com --data-dir ou WHATDESK_DATA_DIR.</translation>
    </message>
    <message>
        <source>Check the data folder or the database server and try again. Nothing was changed.</source>
        <translation>Verifique a pasta de dados ou o servidor do banco de dados e tente de novo. Nada foi alterado.</translation>
    </message>
    <message>
        <source>Choose another name.</source>
        <translation>Escolha outro nome.</translation>
    </message>
    <message>
        <source>Check the values and try again.</source>
        <translation>Confira os valores e tente de novo.</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Unexpected error: {error}. Details were written to the log.</source>
        <translation>Erro inesperado: {error}. Os detalhes foram gravados no log.</translation>
    </message>
</context>
</TS>
